// Stable 64-bit FNV-1a hashing for cache keys and sweep identities: the same bytes give the same
// hash on every machine and run (std::hash gives no such promise).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ascendsim {

class Hasher {
 public:
  Hasher& add(std::string_view bytes);
  Hasher& add(double v);        // by bit pattern
  Hasher& add(std::int64_t v);
  std::uint64_t value() const { return h_; }
  std::string hex() const;      // 16 lowercase hex digits

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

// Hash of a file's bytes ("" when it cannot be read).
std::string hash_file_hex(const std::string& path);

}  // namespace ascendsim
