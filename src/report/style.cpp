#include "report/style.h"

namespace reconcile::report {

std::string Style::paint(Color c, std::string_view text) const {
    if (!color) return std::string(text);
    const char* code = "";
    switch (c) {
        case Color::Green: code = "\033[32m"; break;
        case Color::Cyan: code = "\033[36m"; break;
        case Color::Yellow: code = "\033[33m"; break;
        case Color::Red: code = "\033[31m"; break;
        case Color::Bold: code = "\033[1m"; break;
        case Color::Dim: code = "\033[2m"; break;
    }
    return code + std::string(text) + "\033[0m";
}

}  // namespace reconcile::report
