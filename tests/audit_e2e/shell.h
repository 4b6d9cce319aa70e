// SPDX-License-Identifier: Apache-2.0
// Helpers of the audit end-to-end tests: run a shell command, read and write files.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace semilla::audit_e2e {

inline constexpr const char* kBinary = SEMILLA_BINARY_DIR "/cli/semilla";

struct Outcome {
  int code = 0;
  std::string output;  // stdout and stderr
};

// Runs `command` with /bin/sh, stderr merged into stdout.
inline Outcome sh(const std::string& command) {
  Outcome r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return r;
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace semilla::audit_e2e
