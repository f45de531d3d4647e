// See rollout_models.hpp.
#include "sim/scenario/rollout_models.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "sim/engine/step_executor.hpp"
#include "sim/platform/topology_xml.hpp"
#include "sim/serving/deployment.hpp"
#include "sim/serving/ep_alltoall.hpp"
#include "sim/util/atomic_file.hpp"

namespace ascendsim {

const ServingModel& RolloutModels::model_for(const std::string& file) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = models_.find(file);
  if (it != models_.end()) return *it->second;
  const Deployment d = load_deployment(file);
  auto m = std::make_shared<ServingModel>(
      make_serving_model(s_.base_plan.model, s_.catalogue.find(d.chip), d, serving_efficiency(s_.catalogue)));
  // The platform, sized to hold the deployment's pools, written where SimGrid can read it.
  const long npus = d.decode.instances * d.decode.npus_per_instance + d.prefill.instances * d.prefill.npus_per_instance;
  const PlatformSpec spec = platform_for_chips(s_.platform, npus);
  std::string dir = (std::filesystem::temp_directory_path() / "ascendsim-rollout-XXXXXX").string();
  if (!mkdtemp(dir.data())) throw std::runtime_error("cannot create a temporary directory for the rollout platform");
  const std::string xml = dir + "/" + spec.name + ".xml";
  EpCommFit fit;
  try {
    write_file_atomic(xml, generate_platform_xml(spec, s_.catalogue));
    fit = fit_ep_alltoall(xml, *m);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  m->decode_a2a = fit.decode;
  m->prefill_a2a = fit.prefill;
  return *models_.emplace(file, std::move(m)).first->second;
}

RolloutFn RolloutModels::rollout_fn() {
  return [this](const PostTrainingPhase& ph, long chips) {
    const ServingModel& m = model_for(ph.rl.deployment_file);
    try {
      return rl_rollout(ph.rl, m, chips);
    } catch (const std::invalid_argument& e) {
      throw InputError(SourceLocation{s_.file, 0, 0}, "run.post_training." + ph.name + ".chips",
                       std::string(e.what()));
    }
  };
}

}  // namespace ascendsim
