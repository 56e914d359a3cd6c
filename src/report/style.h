#pragma once
// Terminal colour, decided once in cli/ (--color, NO_COLOR, isatty) and passed down.
#include <string>
#include <string_view>

namespace reconcile::report {

enum class Color { Green, Cyan, Yellow, Red, Bold, Dim };

struct Style {
    bool color = false;
    std::string paint(Color c, std::string_view text) const;
};

inline constexpr const char* kInSync = "\u2713";   // ✓
inline constexpr const char* kCreate = "+";
inline constexpr const char* kModify = "~";
inline constexpr const char* kRename = "\u2192";  // →
inline constexpr const char* kDrop = "-";
inline constexpr const char* kWarning = "\u26a0";  // ⚠
inline constexpr const char* kError = "\u2717";    // ✗

}  // namespace reconcile::report
