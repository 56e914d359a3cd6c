#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace reconcile::cli {

// The whole program, testable in-process: parses `args` (args[0] is the program name), runs
// the command, and returns the exit status. The one place that catches errors.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace reconcile::cli
