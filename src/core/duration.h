#pragma once
// Durations as people write them on a command line: 500ms, 5s, 2m, 1h.
#include <chrono>
#include <optional>
#include <string>

namespace reconcile {

// nullopt unless `text` is a positive whole number followed by ms, s, m or h.
std::optional<std::chrono::milliseconds> parse_duration(const std::string& text);

// As a sentence says it: "30 minutes", "5 s", "500 ms".
std::string duration_text(std::chrono::milliseconds d);

}  // namespace reconcile
