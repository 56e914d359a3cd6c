#include "dialect/rows_json.h"

#include <algorithm>
#include <cstdio>

namespace reconcile::dialect {
namespace {

void append_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

bool is_json_number(const std::string& s) {
    // What JSON reads as a number: no NaN, no Infinity, no leading '+' or '.'.
    if (s.empty() || s.find_first_not_of("-0123456789.eE+") != std::string::npos) return false;
    const std::size_t digits = s[0] == '-' ? 1 : 0;
    return digits < s.size() && s[digits] >= '0' && s[digits] <= '9' && s.back() >= '0' && s.back() <= '9' &&
           !(s[digits] == '0' && digits + 1 < s.size() && s[digits + 1] >= '0' && s[digits + 1] <= '9');
}

}  // namespace

std::string rows_json(const diff::RowsQuery& query, bool typed, std::size_t begin, std::size_t end) {
    end = std::min(end, query.rows.size());
    std::string out = "[";
    out.reserve((end - std::min(begin, end)) * 16 * (query.columns.size() + 1));
    for (std::size_t r = begin; r < end; ++r) {
        out += r > begin ? ",{" : "{";
        bool first = true;
        for (std::size_t c = 0; c < query.rows[r].size(); ++c) {
            const model::RowValue* v = query.rows[r][c];
            if (!v) continue;
            out += first ? "\"" : ",\"";
            first = false;
            out += std::to_string(c) + "\":";
            if (v->is_null()) out += "null";
            else if (typed && v->kind == model::ValueKind::Boolean) out += v->text == "true" ? "1" : "0";
            else if (typed && (v->kind == model::ValueKind::Integer || v->kind == model::ValueKind::Number) && is_json_number(v->text)) out += v->text;
            else append_string(out, v->text);
        }
        out += "}";
    }
    return out + "]";
}

std::vector<std::size_t> compared_columns(const diff::RowsQuery& query) {
    std::vector<std::size_t> out;
    if (!query.compare_values) return out;
    for (std::size_t c = 0; c < query.columns.size(); ++c)
        if (std::find(query.key.begin(), query.key.end(), query.columns[c].name) == query.key.end()) out.push_back(c);
    return out;
}

diff::RowDifference row_difference(const db::Row& row, const std::vector<std::size_t>& compared, const char* true_text) {
    auto is_true = [&](const db::Value& v) { return v && *v == true_text; };
    diff::RowDifference d;
    d.row = std::stoul(*row[0]);
    d.missing = is_true(row[1]);
    if (!d.missing)
        for (std::size_t i = 0; i < compared.size(); ++i)
            if (is_true(row[2 + 2 * i])) d.differing.emplace_back(compared[i], row[3 + 2 * i]);
    return d;
}

}  // namespace reconcile::dialect
