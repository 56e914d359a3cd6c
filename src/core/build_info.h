#pragma once
// What this binary was built from, written by scripts/cmake/build-info.cmake at build time (so
// a bug report can say exactly what ran).
namespace reconcile::build_info {

extern const char* const kVersion;      // the release version, CMakeLists.txt's project(VERSION)
extern const char* const kCommit;       // the git commit, 12 hex digits; "" when built without git
extern const bool kUncommittedChanges;  // the working tree differed from kCommit

}  // namespace reconcile::build_info
