#include "core/duration.h"

#include <cctype>

namespace reconcile {

std::optional<std::chrono::milliseconds> parse_duration(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    if (digits == 0 || digits > 9) return std::nullopt;  // at most 999,999,999 of a unit: no overflow
    const long long n = std::stoll(text.substr(0, digits));
    const std::string unit = text.substr(digits);
    long long ms;
    if (unit == "ms") ms = n;
    else if (unit == "s") ms = n * 1000;
    else if (unit == "m" || unit == "min") ms = n * 60'000;
    else if (unit == "h") ms = n * 3'600'000;
    else return std::nullopt;
    // PostgreSQL reads lock_timeout = 0 as "wait forever", and an int of milliseconds at most.
    if (ms <= 0 || ms > 2'147'483'647LL) return std::nullopt;
    return std::chrono::milliseconds(ms);
}

std::string duration_text(std::chrono::milliseconds d) {
    const long long ms = d.count();
    if (ms % 60'000 == 0) return std::to_string(ms / 60'000) + (ms == 60'000 ? " minute" : " minutes");
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

}  // namespace reconcile
