#pragma once
// What `reconcile check` prints: the model's load error or its lint warnings, for people
// (text) or for editors and CI (JSON).
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "model/lint.h"
#include "report/style.h"

namespace reconcile::report {

struct CheckResult {
    std::string model;                 // the path checked
    std::optional<Error> error;        // the first mistake the loader found; then no lints
    std::vector<model::Lint> lints;
    std::size_t tables = 0, views = 0, functions = 0;
    bool base_given = false;           // added columns were checked against a base
};

std::string lint_sentence(const model::Lint& lint);
void print_check(std::ostream& out, const CheckResult& result, const Style& style);
nlohmann::json check_to_json(const CheckResult& result);

}  // namespace reconcile::report
