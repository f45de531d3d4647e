// Node-limited (group-limited) routing and the hierarchical EP dispatch of DeepSeek-V3 (arXiv
// 2412.19437 s2.1.2, s3.2.2): expected distinct nodes per token worked out by hand (enumeration or
// the closed form with the binomials written out), the per-peer flow sizes, when the split applies,
// and the model-file keys (config.json n_group / topk_group) with their located errors.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/workload/comm_volume.hpp"
#include "sim/workload/model_shape.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

namespace {

std::string W(const char* f) { return std::string(ASCENDSIM_SOURCE_DIR) + "/workloads/" + f; }

ModelShape moe(long experts, long top_k, long groups, long max_groups) {
  ModelShape m;
  m.name = "moe";
  m.layers = 4;
  m.hidden = 1024;
  m.routed_experts = experts;
  m.top_k = top_k;
  m.expert_ffn = 256;
  m.expert_groups = groups;
  m.max_groups_per_token = max_groups;
  return m;
}

std::string model_error(const std::string& moe_body) {
  auto dir = std::filesystem::temp_directory_path() / "ascendsim_routing_tests";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "m.toml").string();
  std::ofstream(path) << "kind = \"model\"\nname = \"m\"\n[shape]\nlayers = 2\nhidden = 64\nvocab = 128\n"
                      << "[attention]\nkind = \"gqa\"\nheads = 8\nkv_heads = 8\nhead_dim = 8\n"
                      << "[ffn]\ndense_layers = 0\n[moe]\nrouted_experts = 16\ntop_k = 4\nexpert_ffn = 32\n"
                      << moe_body;
  try {
    load_model(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("expected distinct bins: enumeration and the binomial closed form") {
  // 4 items in 2 bins {a,b} {c,d}, 2 drawn: of the 6 pairs, 2 stay in one bin, 4 hit both: 10/6.
  CHECK(expected_distinct_bins(4, 2, 2) == Approx(10.0 / 6.0));
  // 3 of 4 drawn: every triple hits both bins.
  CHECK(expected_distinct_bins(4, 2, 3) == Approx(2.0));
  CHECK(expected_distinct_bins(256, 8, 1) == Approx(1.0));
  // V3 groups: 4 of 8 groups, one group per node: 8·(1 − C(7,4)/C(8,4)) = 8·(1 − 35/70) = 4.
  CHECK(expected_distinct_bins(8, 8, 4) == Approx(4.0));
  // Two groups per node (EP 32 = 4 nodes): 4·(1 − C(6,4)/C(8,4)) = 4·(1 − 15/70) = 22/7.
  CHECK(expected_distinct_bins(8, 4, 4) == Approx(22.0 / 7.0));
  // V3 unrestricted: 8 of 256 experts over 8 nodes of 32: C(224,8) = 138,535,357,316,356 and
  // C(256,8) = 409,663,695,276,000, so 8·(1 − 0.338168...) = 5.29465.
  CHECK(expected_distinct_bins(256, 8, 8) == Approx(8.0 * (1 - 138535357316356.0 / 409663695276000.0)));
  CHECK(expected_distinct_bins(256, 8, 8) == Approx(5.29465).epsilon(1e-5));
}

TEST_CASE("DeepSeek-V3 on EP 64 over 8 nodes: 4 nodes per token, half the scale-out copies") {
  const ModelShape v3 = moe(256, 8, 8, 4);
  const EpNodeSplit s = ep_node_split(v3, 64, 8);
  REQUIRE(s.hierarchical);
  CHECK(s.nodes == 8);
  CHECK(s.ranks_per_node == 8);
  CHECK(s.distinct_nodes == Approx(4.0));  // min(k = 8, 4 groups on 4 distinct nodes)
  CHECK(s.unrestricted_nodes == Approx(5.29465).epsilon(1e-5));
  CHECK(s.scale_out_copies == Approx(3.5));  // 4 nodes, the token's own among them with p = 4/8
  CHECK(s.scale_up_copies == Approx(7.0));   // 8 copies, 1/8 of them to the receiving rank itself
  // A flat all-to-all sends k·(1 − 8/64) = 7 copies per token off the node: node-limited halves it.
  CHECK(s.scale_out_copies / (8.0 * (1 - 8.0 / 64.0)) == Approx(0.5));
  // Per rank: 4,096 tokens × 7,168 B (FP8) × 8 copies = 234,881,024 B of all-to-all.
  const double bytes = 4096.0 * 7168 * 8;
  // Each other node gets the token with p = 4/8: 4,096 × 7,168 × 0.5 = 14,680,064 B.
  CHECK(s.scale_out_bytes_per_node(bytes, 8) == Approx(14680064.0));
  // Each node peer gets k/c = 1 copy per token: 29,360,128 B; 7 peers → 7 copies per token.
  CHECK(s.scale_up_bytes_per_peer(bytes) == Approx(29360128.0));
  CHECK(7 * s.scale_out_bytes_per_node(bytes, 8) == Approx(bytes / 8 * s.scale_out_copies));
}

TEST_CASE("node-limited split for other group-to-node layouts") {
  const ModelShape v3 = moe(256, 8, 8, 4);
  // EP 32 = 4 nodes of 2 groups: the 4 groups sit on 22/7 nodes on average.
  CHECK(ep_node_split(v3, 32, 8).distinct_nodes == Approx(22.0 / 7.0));
  // EP 256 = 32 nodes, a group spans 4 nodes: 8 experts uniform over the 4 groups' 128 experts on 16
  // nodes: 16·(1 − C(120,8)/C(128,8)) = 6.59651; unrestricted 32·(1 − C(248,8)/C(256,8)) = 7.26680.
  const EpNodeSplit wide = ep_node_split(v3, 256, 8);
  CHECK(wide.distinct_nodes == Approx(6.59651).epsilon(1e-5));
  CHECK(wide.unrestricted_nodes == Approx(7.26680).epsilon(1e-5));
  // 6 groups do not align with 8 nodes: the unrestricted count (never more).
  const ModelShape odd = moe(48, 4, 6, 2);
  const EpNodeSplit o = ep_node_split(odd, 16, 2);
  REQUIRE(o.hierarchical);
  CHECK(o.distinct_nodes == Approx(expected_distinct_bins(48, 8, 4)));
  // Limit wider than needed (M·E/groups ≥ k but M = groups): the unrestricted count again.
  CHECK(ep_node_split(moe(256, 8, 8, 8), 64, 8).distinct_nodes == Approx(5.29465).epsilon(1e-5));
}

TEST_CASE("flat all-to-all when routing is unlimited, the group fits a node, or nodes are not whole") {
  CHECK_FALSE(ep_node_split(moe(256, 8, 0, 0), 64, 8).hierarchical);  // no n_group / topk_group
  CHECK_FALSE(ep_node_split(moe(256, 8, 8, 4), 8, 8).hierarchical);   // one node
  CHECK_FALSE(ep_node_split(moe(256, 8, 8, 4), 64, 384).hierarchical);  // inside one supernode
  CHECK_FALSE(ep_node_split(moe(256, 8, 8, 4), 16, 6).hierarchical);  // 16 ranks on 6-chip nodes
  CHECK_FALSE(ep_node_split(moe(256, 8, 8, 4), 1, 8).hierarchical);
}

TEST_CASE("model files: V3 carries n_group / topk_group, V4-Flash has none, bad keys are located") {
  const ModelShape v3 = load_model(W("deepseek-v3.toml"));
  CHECK(v3.expert_groups == 8);
  CHECK(v3.max_groups_per_token == 4);
  CHECK(v3.group_limited_routing());
  CHECK_FALSE(load_model(W("deepseek-v4-flash.toml")).group_limited_routing());
  CHECK_FALSE(load_model(W("deepseek-v4-pro.toml")).group_limited_routing());

  CHECK(model_error("expert_groups = 4\nmax_groups_per_token = 2\n").empty());
  const std::string one = model_error("expert_groups = 4\n");
  CHECK_THAT(one, Catch::Contains("m.toml:") && Catch::Contains("moe.expert_groups") &&
                      Catch::Contains("give both or neither"));
  CHECK_THAT(model_error("expert_groups = 3\nmax_groups_per_token = 1\n"),
             Catch::Contains("moe.expert_groups") && Catch::Contains("must divide routed_experts (16)"));
  CHECK_THAT(model_error("expert_groups = 4\nmax_groups_per_token = 5\n"),
             Catch::Contains("moe.max_groups_per_token") && Catch::Contains("exceeds expert_groups (4)"));
  // 1 group of 16/8 = 2 experts cannot hold top-4.
  CHECK_THAT(model_error("expert_groups = 8\nmax_groups_per_token = 1\n"),
             Catch::Contains("moe.max_groups_per_token") && Catch::Contains("fewer than top_k (4)"));
}
