#include "sim/util/hash.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

namespace ascendsim {

Hasher& Hasher::add(std::string_view bytes) {
  for (unsigned char c : bytes) {
    h_ ^= c;
    h_ *= 0x100000001b3ULL;
  }
  // Length-delimit so ("ab","c") and ("a","bc") differ.
  const std::uint64_t n = bytes.size();
  for (int i = 0; i < 8; ++i) {
    h_ ^= (n >> (8 * i)) & 0xFF;
    h_ *= 0x100000001b3ULL;
  }
  return *this;
}

Hasher& Hasher::add(double v) {
  char buf[sizeof v];
  std::memcpy(buf, &v, sizeof v);
  return add(std::string_view(buf, sizeof buf));
}

Hasher& Hasher::add(std::int64_t v) {
  char buf[sizeof v];
  std::memcpy(buf, &v, sizeof v);
  return add(std::string_view(buf, sizeof buf));
}

std::string Hasher::hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
  return buf;
}

std::string hash_file_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  Hasher h;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.add(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  return h.hex();
}

}  // namespace ascendsim
