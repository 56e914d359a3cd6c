#include "model/rows.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "model/normalize.h"

namespace reconcile::model {

const char* to_string(DataMode mode) {
    switch (mode) {
        case DataMode::Insert: return "insert";
        case DataMode::Upsert: return "upsert";
        case DataMode::Sync: return "sync";
    }
    return "upsert";
}

const RowValue* DataRow::find(const std::string& column) const {
    for (const auto& v : values)
        if (v.column == column) return &v;
    return nullptr;
}

namespace {

using nlohmann::json;

std::string number_text(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // the shortest text that reads back as d
    (void)ec;
    return std::string(buf, end);
}

template <typename T>
std::string streamed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// A TOML value as JSON (what an inline table or an array is for a json column, and how an
// array's elements are kept until the column's element type is known).
json to_json(const toml::node& node) {
    if (const auto* t = node.as_table()) {
        json o = json::object();
        for (auto&& [k, v] : *t) o[std::string(k.str())] = to_json(v);
        return o;
    }
    if (const auto* a = node.as_array()) {
        json arr = json::array();
        for (const auto& el : *a) arr.push_back(to_json(el));
        return arr;
    }
    if (const auto* s = node.as_string()) return s->get();
    if (const auto* i = node.as_integer()) return i->get();
    if (const auto* f = node.as_floating_point()) return f->get();
    if (const auto* b = node.as_boolean()) return b->get();
    if (const auto* d = node.as_date()) return streamed(d->get());
    if (const auto* t = node.as_time()) return streamed(t->get());
    if (const auto* dt = node.as_date_time()) return streamed(dt->get());
    return nullptr;
}

// { null = true }: SQL NULL, in any column (a json column's object of that one key is written
// as a string).
bool is_null_marker(const toml::table& t) {
    if (t.size() != 1) return false;
    const toml::node* n = t.get("null");
    return n && n->is_boolean() && n->as_boolean()->get();
}

RowValue read_value(const std::string& column, const toml::node& node) {
    RowValue v;
    v.column = column;
    v.line = static_cast<int>(node.source().begin.line);
    v.character = static_cast<int>(node.source().begin.column);
    if (const auto* t = node.as_table()) {
        if (is_null_marker(*t)) return v;
        v.kind = ValueKind::Json;
        v.text = to_json(node).dump();
    } else if (node.is_array()) {
        v.kind = ValueKind::Array;
        v.text = to_json(node).dump();
    } else if (const auto* s = node.as_string()) {
        v.kind = ValueKind::Text;
        v.text = s->get();
    } else if (const auto* i = node.as_integer()) {
        v.kind = ValueKind::Integer;
        v.text = std::to_string(i->get());
    } else if (const auto* f = node.as_floating_point()) {
        v.kind = ValueKind::Number;
        v.text = number_text(f->get());
    } else if (const auto* b = node.as_boolean()) {
        v.kind = ValueKind::Boolean;
        v.text = b->get() ? "true" : "false";
    } else {
        v.kind = ValueKind::Temporal;
        v.text = to_json(node).get<std::string>();
    }
    return v;
}

// What a column's type takes, from its canonical name.
enum class Family { Integer, Numeric, Float, Boolean, Json, Bytes, Uuid, Temporal, Interval, Text, Enum, Other };

struct TypeInfo {
    Family family = Family::Other;
    std::string type;  // canonical, for messages
    std::pair<long long, long long> bounds;
    std::optional<std::size_t> max_length;
    std::vector<std::string> labels;  // Enum
    int dimensions = 0;               // an array type's [] count
};

// A type name's schema ("" when unqualified) and name, without their double quotes.
std::pair<std::string, std::string> split_qualified(const std::string& type) {
    // The last dot outside double quotes separates the schema.
    bool quoted = false;
    std::size_t dot = std::string::npos;
    for (std::size_t i = 0; i < type.size(); ++i) {
        if (type[i] == '"') quoted = !quoted;
        else if (type[i] == '.' && !quoted) dot = i;
    }
    auto unquoted = [](std::string part) {
        if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
        return part;
    };
    if (dot == std::string::npos) return {"", unquoted(type)};
    return {unquoted(type.substr(0, dot)), unquoted(type.substr(dot + 1))};
}

// The enum or domain a column's type names: by schema and name when qualified; unqualified, the
// one in public (where the search path finds it), else the only one of that name.
template <class T>
const T* named_type(const std::vector<T>& types, const std::string& type) {
    const auto [schema, name] = split_qualified(type);
    const T* by_name = nullptr;
    for (const auto& t : types) {
        if (t.ref.name != name) continue;
        if (t.ref.schema == (schema.empty() ? std::string("public") : schema)) return &t;
        if (schema.empty() && !by_name) by_name = &t;
    }
    return by_name;
}

TypeInfo type_info(std::string type, const Schema& schema, int depth = 0) {
    TypeInfo info;
    info.type = type;
    while (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) {
        ++info.dimensions;
        type.resize(type.size() - 2);
    }
    const std::string base = type.substr(0, type.find('('));
    auto length_of = [&]() -> std::optional<std::size_t> {
        const auto open = type.find('(');
        if (open == std::string::npos) return std::nullopt;
        return static_cast<std::size_t>(std::stoul(type.substr(open + 1)));
    };
    if (base == "smallint" || base == "integer" || base == "bigint" || base == "smallserial" || base == "serial" || base == "bigserial") {
        info.family = Family::Integer;
        const bool serial = base == "smallserial" || base == "serial" || base == "bigserial";
        const std::string integer = serial ? serial_integer_type(base) : base;
        info.bounds = integer_bounds(integer);
    } else if (base == "numeric" || base == "decimal" || base == "money") {
        info.family = Family::Numeric;
    } else if (base == "real" || base == "double precision") {
        info.family = Family::Float;
    } else if (base == "boolean") {
        info.family = Family::Boolean;
    } else if (base == "json" || base == "jsonb") {
        info.family = Family::Json;
    } else if (base == "bytea") {
        info.family = Family::Bytes;
    } else if (base == "uuid") {
        info.family = Family::Uuid;
    } else if (base == "date" || base.rfind("timestamp", 0) == 0 || base.rfind("time", 0) == 0) {
        info.family = Family::Temporal;
    } else if (base == "interval") {
        info.family = Family::Interval;
    } else if (base == "text" || base == "character varying" || base == "character" || base == "citext" || base == "name") {
        info.family = Family::Text;
        if (base != "text" && base != "citext" && base != "name") info.max_length = length_of();
        if (base == "character" && !info.max_length) info.max_length = 1;  // char without (n) is char(1)
    } else {
        if (const EnumType* e = named_type(schema.enums, type)) {
            info.family = Family::Enum;
            info.labels = e->values;
            return info;
        }
        if (const Domain* d = named_type(schema.domains, type); d && depth < 8) {
            TypeInfo of_base = type_info(d->type, schema, depth + 1);
            of_base.type = info.type;
            of_base.dimensions += info.dimensions;
            return of_base;
        }
        // SQLite's declared types, by the rules of its type affinity (sqlite.org/datatype3.html).
        const std::string lower = lower_ascii(type);
        auto has = [&](const char* part) { return lower.find(part) != std::string::npos; };
        if (has("int")) {
            info.family = Family::Integer;
            info.bounds = integer_bounds("bigint");
        } else if (has("bool")) {
            info.family = Family::Boolean;
        } else if (has("char") || has("clob") || has("text")) {
            info.family = Family::Text;
        } else if (has("real") || has("floa") || has("doub")) {
            info.family = Family::Float;
        } else if (has("json")) {
            info.family = Family::Json;
        } else if (has("date") || has("time")) {
            info.family = Family::Temporal;
        } else if (has("dec") || has("num")) {
            info.family = Family::Numeric;
        }
    }
    return info;
}

const char* kind_name(ValueKind kind) {
    switch (kind) {
        case ValueKind::Null: return "NULL";
        case ValueKind::Integer: return "an integer";
        case ValueKind::Number: return "a number";
        case ValueKind::Boolean: return "a boolean";
        case ValueKind::Text: return "a string";
        case ValueKind::Json: return "an inline table";
        case ValueKind::Array: return "an array";
        case ValueKind::Temporal: return "a date/time";
        case ValueKind::Bytes: return "bytes";
    }
    return "a value";
}

std::size_t characters(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// [+-] digits [. digits] [e [+-] digits], with at least one digit before the exponent; blanks
// around it (what numeric's input takes), or NaN / ±Infinity.
bool is_decimal_text(const std::string& text) {
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") return true;
    std::size_t i = 0, n = text.size();
    auto digits = [&] {
        const std::size_t start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    while (i < n && text[i] == ' ') ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t mantissa = digits();
    if (i < n && text[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return false;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    while (i < n && text[i] == ' ') ++i;
    return i == n;
}

// An array element or a scalar, as the column's (element) type takes it.
struct Converting {
    const std::string& column;
    const std::string& table;
    // "column 'price' of table 'plans'", made only for a message (a model may declare 100,000
    // rows).
    std::string what() const { return "column '" + column + "' of table '" + table + "'"; }
    const DataRow& row;
    const RowValue& value;
    SourceLoc where() const { return row.where(value); }

    [[noreturn]] void refuse(const TypeInfo& type, ValueKind got, const std::string& takes) const {
        fail(where(), what() + " is of type " + type.type + ", which takes " + takes + "; the row gives " + kind_name(got));
    }

    // The element (or scalar) `raw` of kind `kind` for `type` without its array dimensions.
    // Its text is already the input form: only its kind is decided here.
    ValueKind scalar(const TypeInfo& type, ValueKind kind, const std::string& raw) const {
        RowValue v;
        switch (type.family) {
            case Family::Integer: {
                if (kind != ValueKind::Integer) refuse(type, kind, "an integer");
                const long long n = std::stoll(raw);
                if (n < type.bounds.first || n > type.bounds.second)
                    fail(where(), what() + " is of type " + type.type + ": " + raw + " is out of its range (" + std::to_string(type.bounds.first) +
                                    " to " + std::to_string(type.bounds.second) + ")");
                v.kind = ValueKind::Integer;
                return v.kind;
            }
            case Family::Numeric:
            case Family::Float:
                if (kind == ValueKind::Text && !is_decimal_text(raw))
                    fail(where(), what() + " is of type " + type.type + ": the string '" + raw + "' is not a number");
                if (kind != ValueKind::Integer && kind != ValueKind::Number && kind != ValueKind::Text)
                    refuse(type, kind, "a number (or a string holding one, for an exact decimal)");
                v.kind = ValueKind::Number;
                return v.kind;
            case Family::Boolean:
                if (kind != ValueKind::Boolean) refuse(type, kind, "true or false");
                v.kind = ValueKind::Boolean;
                return v.kind;
            case Family::Json:
                if (kind == ValueKind::Text) {
                    if (!json::accept(raw))
                        fail(where(), what() + " is of type " + type.type + ": the string is not JSON text (an inline table or an array is "
                                                                         "JSON as written; a string must hold JSON)");
                } else if (kind == ValueKind::Temporal) {
                    refuse(type, kind, "JSON: a string holding JSON text, an inline table or an array");
                }  // an integer, number or boolean is that JSON scalar as written
                v.kind = ValueKind::Json;
                return v.kind;
            case Family::Bytes: {
                static const std::regex hex(R"(^\\x([0-9a-fA-F]{2})*$)");
                if (kind != ValueKind::Text || !std::regex_match(raw, hex))
                    fail(where(), what() + " is of type " + type.type + ", which takes a string of hex digits after \\x (\"\\\\xdeadbeef\" in TOML)");
                v.kind = ValueKind::Bytes;
                return v.kind;
            }
            case Family::Uuid: {
                static const std::regex uuid(R"(^\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$)");
                if (kind != ValueKind::Text) refuse(type, kind, "a string holding a UUID");
                if (!std::regex_match(raw, uuid)) fail(where(), what() + " is of type uuid: '" + raw + "' is not a UUID");
                v.kind = ValueKind::Text;
                return v.kind;
            }
            case Family::Temporal:
                if (kind != ValueKind::Temporal && kind != ValueKind::Text) refuse(type, kind, "a TOML date/time or a string");
                if (raw.find_first_not_of(" \t") == std::string::npos) fail(where(), what() + " is of type " + type.type + ": the string is empty");
                v.kind = ValueKind::Temporal;
                return v.kind;
            case Family::Interval:
                if (kind != ValueKind::Text || raw.find_first_not_of(" \t") == std::string::npos)
                    refuse(type, kind, "a string such as '1 day'");
                v.kind = ValueKind::Temporal;
                return v.kind;
            case Family::Text:
                if (kind != ValueKind::Text) refuse(type, kind, "a string");
                if (type.max_length && characters(raw) > *type.max_length)
                    fail(where(), what() + " is of type " + type.type + ": the string has " + std::to_string(characters(raw)) +
                                    " characters, more than " + std::to_string(*type.max_length));
                v.kind = ValueKind::Text;
                return v.kind;
            case Family::Enum:
                if (kind != ValueKind::Text) refuse(type, kind, "one of its labels as a string");
                if (std::find(type.labels.begin(), type.labels.end(), raw) == type.labels.end()) {
                    std::string labels;
                    for (const auto& l : type.labels) labels += (labels.empty() ? "'" : ", '") + l + "'";
                    fail(where(), what() + " is of type " + type.type + ": '" + raw + "' is not one of its labels (" + labels + ")");
                }
                v.kind = ValueKind::Text;
                return v.kind;
            case Family::Other:
                if (kind != ValueKind::Text && kind != ValueKind::Integer && kind != ValueKind::Number && kind != ValueKind::Temporal)
                    refuse(type, kind, "a string in its input form");
                v.kind = ValueKind::Text;
                return v.kind;
        }
        return v.kind;
    }

    // A PostgreSQL array literal ({"a","b"}; NULL unquoted) from a JSON array, each element
    // checked as the element type takes it.
    // PostgreSQL keeps no number of dimensions for an array column (integer[][] is integer[]):
    // any depth is taken, each level all arrays or all elements.
    std::string array_literal(const TypeInfo& element, const json& array) const {
        std::string out = "{";
        bool first = true;
        const bool nested = !array.empty() && array.front().is_array();
        for (const auto& el : array) {
            if (!first) out += ",";
            first = false;
            if (el.is_array() != nested)
                fail(where(), what() + " is of type " + element.type + ": an array must hold only arrays or only elements, of one size");
            if (nested) {
                out += array_literal(element, el);
                continue;
            }
            if (el.is_null()) {
                out += "NULL";
                continue;
            }
            ValueKind kind = el.is_string() ? ValueKind::Text
                             : el.is_boolean() ? ValueKind::Boolean
                             : el.is_number_integer() ? ValueKind::Integer
                             : el.is_number() ? ValueKind::Number
                                              : ValueKind::Json;
            std::string raw = el.is_string() ? el.get<std::string>() : el.is_number_float() ? number_text(el.get<double>()) : el.dump();
            TypeInfo scalar_type = element;
            scalar_type.dimensions = 0;
            (void)scalar(scalar_type, kind, raw);
            std::string quoted = "\"";
            for (char c : raw) {
                if (c == '"' || c == '\\') quoted += '\\';
                quoted += c;
            }
            out += quoted + "\"";
        }
        return out + "}";
    }

    // A CSV field (text) made into the kind of `type`, in place: the same checks as a TOML
    // value of that kind; an array column takes PostgreSQL's array literal ({a,"b c"}).
    void convert_text(const TypeInfo& type, RowValue& v) const {
        if (v.is_null()) return;
        if (type.dimensions > 0) {
            if (v.text.empty() || v.text.front() != '{' || v.text.back() != '}')
                fail(where(), what() + " is of type " + type.type + ", which takes an array literal in CSV: {a,\"b c\"}");
            v.kind = ValueKind::Array;
            return;
        }
        switch (type.family) {
            case Family::Integer: {
                const std::size_t sign = !v.text.empty() && (v.text[0] == '-' || v.text[0] == '+') ? 1 : 0;
                if (v.text.size() == sign || v.text.size() > 20 || v.text.find_first_not_of("0123456789", sign) != std::string::npos)
                    fail(where(), what() + " is of type " + type.type + ": '" + v.text + "' is not an integer");
                v.kind = scalar(type, ValueKind::Integer, v.text);
                return;
            }
            case Family::Boolean: {
                const std::string b = lower_ascii(v.text);
                if (b == "true" || b == "t" || b == "1" || b == "yes") v.text = "true";
                else if (b == "false" || b == "f" || b == "0" || b == "no") v.text = "false";
                else fail(where(), what() + " is of type " + type.type + ": '" + v.text + "' is not true or false");
                v.kind = ValueKind::Boolean;
                return;
            }
            default: v.kind = scalar(type, ValueKind::Text, v.text); return;
        }
    }

    // `v` made into the input form of `type`, in place.
    void convert(const TypeInfo& type, RowValue& v) const {
        if (v.is_null()) return;
        if (type.dimensions > 0) {
            if (v.kind != ValueKind::Array) refuse(type, v.kind, "an array");
            v.text = array_literal(type, json::parse(v.text));
            return;
        }
        if (v.kind == ValueKind::Array && type.family != Family::Json) refuse(type, v.kind, "a single value");
        if (v.kind == ValueKind::Json && type.family != Family::Json) refuse(type, v.kind, "a single value ({ null = true } is NULL)");
        v.kind = scalar(type, v.kind, v.text);
    }
};

// RFC 4180 CSV: fields separated by commas, quoted with '"' ('""' inside is a quote, and a
// quoted field may span lines); CRLF or LF ends a record. The first record names the columns.
// An empty unquoted field is NULL, a quoted empty one the empty string (as COPY … CSV reads).
class CsvCursor {
public:
    // `file`: the file's name as messages show it.
    CsvCursor(const std::string& text, std::shared_ptr<const std::string> file) : text_(text), file_(std::move(file)) {}
    bool done() const { return i_ >= text_.size(); }
    int line() const { return line_; }
    int column() const { return column_; }

    // The field at the cursor into `value`; false when it is NULL.
    bool field(std::string& value) {
        const int line = line_, column = column_;
        value.clear();
        bool quoted = false;
        if (i_ < text_.size() && text_[i_] == '"') {
            quoted = true;
            advance();
            for (;;) {
                if (i_ >= text_.size()) fail(SourceLoc(file_, line, column), "a quoted field of '" + *file_ + "' is not closed");
                const char c = text_[i_];
                advance();
                if (c == '"') {
                    if (i_ < text_.size() && text_[i_] == '"') {
                        value += '"';
                        advance();
                        continue;
                    }
                    break;
                }
                value += c;
            }
            if (!at_separator()) fail(SourceLoc(file_, line_, column_), "a quoted field of '" + *file_ + "' goes on after its closing quote");
        } else {
            const std::size_t from = i_;
            while (!at_separator()) {
                if (text_[i_] == '"') fail(SourceLoc(file_, line_, column_), "a quote in an unquoted field of '" + *file_ + "': quote the whole field");
                ++i_;
            }
            column_ += static_cast<int>(i_ - from);
            value.assign(text_, from, i_ - from);
        }
        if (value.find('\0') != std::string::npos)
            fail(SourceLoc(file_, line, column), "a field holds a NUL byte, which no database statement can carry");
        return quoted || !value.empty();
    }
    // After a field: true when a comma follows (the record goes on), false at its end (the line
    // break is consumed).
    bool next_in_record() {
        if (i_ < text_.size() && text_[i_] == ',') {
            advance();
            return true;
        }
        if (i_ < text_.size() && text_[i_] == '\r') advance();
        if (i_ < text_.size() && text_[i_] == '\n') advance();
        return false;
    }

private:
    bool at_separator() const { return i_ >= text_.size() || text_[i_] == ',' || text_[i_] == '\n' || text_[i_] == '\r'; }
    void advance() {
        if (text_[i_++] == '\n') ++line_, column_ = 1;
        else ++column_;
    }
    const std::string& text_;
    std::shared_ptr<const std::string> file_;
    std::size_t i_ = 0;
    int line_ = 1, column_ = 1;
};

// Appends the rows of the CSV file `shown_as` (a path from the working directory) to `rows`.
void read_csv_rows(const std::string& shown_as, const std::string& table_name, std::vector<DataRow>& rows) {
    std::ifstream in(shown_as, std::ios::binary | std::ios::ate);
    if (!in) throw Error(ErrorKind::Schema, "cannot read '" + shown_as + "', the rows_file of table '" + table_name + "'", SourceLoc(shown_as));
    std::string text(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    const auto file = std::make_shared<const std::string>(shown_as);
    CsvCursor csv(text, file);
    if (csv.done()) fail(SourceLoc(file, 1, 1), "'" + shown_as + "' has no header line naming the columns");
    std::vector<std::string> header;
    std::string value;
    do {
        const int line = csv.line(), column = csv.column();
        if (!csv.field(value)) fail(SourceLoc(file, line, column), "'" + shown_as + "' names no column in its header here");
        if (std::find(header.begin(), header.end(), value) != header.end())
            fail(SourceLoc(file, line, column), "'" + shown_as + "' names column '" + value + "' twice");
        header.push_back(value);
    } while (csv.next_in_record());
    rows.reserve(rows.size() + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);  // a line a row, at most
    while (!csv.done()) {
        DataRow row;
        row.loc = SourceLoc(file, csv.line(), 1);
        row.from_text = true;
        row.values.reserve(header.size());
        std::size_t fields = 0;
        do {
            RowValue v;
            v.line = csv.line();
            v.character = csv.column();
            const bool given = csv.field(v.text);
            if (given) v.kind = ValueKind::Text;
            if (fields < header.size()) {
                v.column = header[fields];
                row.values.push_back(std::move(v));
            }
            ++fields;
        } while (csv.next_in_record());
        if (fields == 1 && row.values[0].is_null()) continue;  // a blank line
        if (fields != header.size())
            fail(row.loc, "this line of '" + shown_as + "' has " + std::to_string(fields) + " fields; its header has " + std::to_string(header.size()));
        rows.push_back(std::move(row));
    }
}

}  // namespace

std::optional<TableData> read_table_data(const std::string& file, const TableReader& r, const std::string& table_name) {
    if (!r.has("rows") && !r.has("data_mode") && !r.has("data_key") && !r.has("rows_file")) return std::nullopt;
    TableData data;
    data.loc = r.has("rows") ? r.where("rows") : r.where();
    if (auto mode = r.string("data_mode")) {
        if (*mode == "insert") data.mode = DataMode::Insert;
        else if (*mode == "upsert") data.mode = DataMode::Upsert;
        else if (*mode == "sync") data.mode = DataMode::Sync;
        else fail(r.where("data_mode"), "'data_mode' of table '" + table_name + "' must be insert, upsert or sync, not '" + *mode + "'");
    }
    if (auto key = r.strings("data_key")) {
        if (key->empty()) fail(r.where("data_key"), "'data_key' of table '" + table_name + "' is empty");
        for (std::size_t i = 0; i < key->size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if ((*key)[i] == (*key)[j]) fail(r.where("data_key"), "'data_key' of table '" + table_name + "' names '" + (*key)[i] + "' twice");
        data.key = *key;
        data.key_loc = r.where("data_key");
    }
    const auto rows = r.tables("rows");
    data.rows.reserve(rows.size());
    for (const toml::table* row : rows) {
        DataRow d;
        d.loc = loc_of(file, row->source());
        d.values.reserve(row->size());
        for (auto&& [key, node] : *row) d.values.push_back(read_value(std::string(key.str()), node));
        data.rows.push_back(std::move(d));
    }
    if (auto csv = r.string("rows_file")) {
        // Relative to the file that names it, and shown as such in messages.
        const std::filesystem::path path = std::filesystem::path(file).parent_path() / *csv;
        if (path.extension() != ".csv") fail(r.where("rows_file"), "'rows_file' of table '" + table_name + "' must name a .csv file");
        data.rows_file = path.lexically_normal().string();
    }
    return data;
}

std::string describe_key(const std::vector<std::string>& columns, const std::vector<std::optional<std::string>>& values) {
    // An integer as it is; any other value quoted, so that 'all' reads as a value, not a word.
    auto value = [](const std::optional<std::string>& v) {
        if (!v) return std::string("NULL");
        const std::size_t sign = !v->empty() && (*v)[0] == '-' ? 1 : 0;
        if (v->size() > sign && v->find_first_not_of("0123456789", sign) == std::string::npos) return *v;
        return "'" + *v + "'";
    };
    if (columns.size() == 1 && values.size() == 1) return columns[0] + "=" + value(values[0]);
    std::string names, texts;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        names += (i ? ", " : "") + columns[i];
        texts += (i ? ", " : "") + (i < values.size() ? value(values[i]) : std::string("?"));
    }
    return "(" + names + ")=(" + texts + ")";
}

ValueKind exported_kind(const std::string& canonical_type) {
    const TypeInfo info = type_info(canonical_type, Schema{});
    if (info.dimensions > 0) return ValueKind::Array;
    if (info.family == Family::Integer) return ValueKind::Integer;
    if (info.family == Family::Boolean) return ValueKind::Boolean;
    return ValueKind::Text;
}

namespace {

// One table's declared rows, its rows_file read and every row resolved (see resolve_rows).
// Reads `schema` for its enums and domains only, so tables resolve side by side.
void resolve_table_rows(Table& table, const Schema& schema) {
    TableData& data = *table.data;
    const std::string tname = table.ref.name;
    if (data.rows_file) {
        read_csv_rows(*data.rows_file, tname, data.rows);
        data.rows_file.reset();
    }
    if (data.key.empty()) {
        if (table.primary_key.empty())
            fail(data.loc, "table '" + tname + "' declares rows but has no primary key: name the columns that identify a row with "
                                               "data_key (those of a unique constraint or unique index)");
        data.key = table.primary_key;
    } else {
        for (const auto& column : data.key)
            if (!table.find_column(column)) fail(data.key_loc, "'data_key' of table '" + tname + "' names column '" + column + "', which the table does not have");
        // ON CONFLICT needs a unique index on exactly these columns.
        auto same_set = [&](std::vector<std::string> a) {
            std::vector<std::string> b = data.key;
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            return a == b;
        };
        bool unique = same_set(table.primary_key);
        for (const auto& u : table.uniques) unique = unique || same_set(u.columns);
        for (const auto& idx : table.indexes) {
            if (!idx.unique || idx.where) continue;
            std::vector<std::string> columns;
            bool plain = true;
            for (const auto& k : idx.keys) {
                plain = plain && !k.expression;
                columns.push_back(k.column);
            }
            unique = unique || (plain && same_set(columns));
        }
        if (!unique)
            fail(data.key_loc, "'data_key' of table '" + tname + "' must be the columns of its primary key, of a unique constraint or of a "
                                                             "unique index without WHERE, so that a row is found by it and made once");
    }
    std::map<std::string, TypeInfo> types;
    for (const auto& c : table.columns) types.emplace(c.name, type_info(c.type, schema));
    std::unordered_map<std::string, std::size_t> seen;  // key → the row that first declared it
    seen.reserve(data.rows.size());
    std::unordered_map<std::string, std::size_t> position;  // column → its place in the table
    for (std::size_t i = 0; i < table.columns.size(); ++i) position.emplace(table.columns[i].name, i);
    std::vector<std::size_t> scratch;
    std::vector<const TypeInfo*> type_at;
    for (const auto& c : table.columns) type_at.push_back(&types.at(c.name));
    for (auto& row : data.rows) {
        // In the table's column order (TOML tables are sorted maps), each made into its
        // type's input form where it is: a model may declare 100,000 rows.
        std::vector<std::size_t>& at_of = scratch;
        at_of.clear();
        for (const auto& v : row.values) {
            auto it = position.find(v.column);
            if (it == position.end())
                fail(row.where(v), "a row of table '" + tname + "' sets column '" + v.column + "', which the table does not have");
            at_of.push_back(it->second);
        }
        // An insertion sort: a handful of values, often in order already (a CSV header).
        for (std::size_t i = 1; i < at_of.size(); ++i)
            for (std::size_t j = i; j > 0 && at_of[j - 1] > at_of[j]; --j) {
                std::swap(at_of[j - 1], at_of[j]);
                std::swap(row.values[j - 1], row.values[j]);
            }
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            RowValue& v = row.values[i];
            const std::size_t at = at_of[i];
            const Column& column = table.columns[at];
            if (column.generated) fail(row.where(v), "column '" + column.name + "' of table '" + tname + "' is generated: a row cannot set it");
            const Converting converting{column.name, tname, row, v};
            if (row.from_text) converting.convert_text(*type_at[at], v);
            else converting.convert(*type_at[at], v);
        }
        // The key as one string, each value length-prefixed so that no two keys join alike.
        std::string key;
        for (const auto& column : data.key) {
            const RowValue* v = row.find(column);
            if (!v) fail(row.loc, "a row of table '" + tname + "' does not give its key column '" + column + "'");
            if (v->is_null()) fail(row.where(*v), "a row of table '" + tname + "' gives NULL for its key column '" + column + "'");
            key += std::to_string(v->text.size()) + ":" + v->text;
        }
        auto [it, fresh] = seen.emplace(std::move(key), static_cast<std::size_t>(&row - data.rows.data()));
        if (!fresh) {
            std::vector<std::optional<std::string>> shown;
            for (const auto& column : data.key) shown.push_back(row.find(column)->text);
            fail(row.loc, "table '" + tname + "' declares the row " + describe_key(data.key, shown) + " twice; first at " + data.rows[it->second].loc.str());
        }
    }
}

}  // namespace

void resolve_rows(Schema& schema) {
    std::vector<Table*> tables;
    std::size_t declared = 0;
    for (auto& table : schema.tables)
        if (table.data) {
            tables.push_back(&table);
            declared += table.data->rows.size() + (table.data->rows_file ? 1000 : 0);
        }
    // Threads only where there is work for them (100,000 rows resolve in about 0.2 s on one
    // core); each takes the next table. The error reported is the first table's, as one thread
    // resolving them in order would report it.
    constexpr std::size_t kRowsPerThread = 5000;
    const std::size_t threads =
        std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 8, tables.size(), declared / kRowsPerThread + 1});
    std::vector<std::exception_ptr> errors(tables.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next++) < tables.size();) {
            try {
                resolve_table_rows(*tables[i], schema);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    std::vector<std::thread> workers;
    for (std::size_t k = 1; k < threads; ++k) workers.emplace_back(work);
    work();
    for (auto& w : workers) w.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace reconcile::model
