#pragma once
// Normalisation happens once, where values enter the model (loader and introspectors), so the
// diff compares plain strings. These functions are pure and dialect-neutral: PostgreSQL
// spellings are the canonical ones because they are the richest; SQLite's quirks (affinity)
// are handled by its dialect hooks.
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::model {

// ASCII lower case: how PostgreSQL folds bare identifiers and keywords.
std::string lower_ascii(std::string_view s);
std::string upper_ascii(std::string_view s);

// "int4" -> "integer", "varchar(20)" -> "character varying(20)",
// "timestamptz" -> "timestamp with time zone", "_int4"/"int[]" -> "integer[]", ...
// Idempotent: canonical_type(canonical_type(x)) == canonical_type(x).
std::string canonical_type(std::string_view declared);
// A function argument's or result's type as PostgreSQL keeps it: canonical, without type
// modifiers (varchar(10) → character varying, numeric(10,2)[] → numeric[]), "SETOF " kept.
std::string canonical_function_type(std::string_view declared);

// A comparison key for a SQL expression (default, check). Removes what servers add or drop
// when they store an expression: casts ('x'::text), redundant parentheses, white space, case of
// keywords, IN (...) vs = ANY (ARRAY[...]), LIKE vs ~~, != vs <>, CURRENT_TIMESTAMP vs now().
// Two expressions with equal keys are treated as equal; different keys are reported as drift.
std::string canonical_expression(std::string_view sql);

// A comparison key for a view's query: canonical_expression() after dropping the qualifiers
// of column references (films.title → title), which pg_get_viewdef() adds to every column. Two
// queries that differ only in which table a same-named column comes from compare equal: a
// missed difference in a view, never a false one.
std::string canonical_query(std::string_view sql);

// True when the text is one SQL expression: balanced parentheses and brackets, closed quotes
// and comments, no ';' outside them. Expressions are SQL by design, but one must not be able to
// end the statement it is embedded in.
bool is_single_expression(std::string_view sql, std::string* why = nullptr);
// The text as written, with a newline after it when it ends inside a "--" comment, so that what
// DDL puts after an expression or a view's query (a ')', the ';') is not commented out.
std::string sql_text_closed(std::string text);

// PostgreSQL's ChooseConstraintName/makeObjectName: "<table>_<col>_<col>_<label>", cut to fit
// 63 bytes the way the server cuts it, so names reconcile generates are the names PostgreSQL
// would have generated.
std::string default_object_name(const std::string& table, const std::vector<std::string>& columns,
                                const std::string& label);

// True when the text is a plausible type name: words, numbers, quoted identifiers, dots,
// parentheses, commas and brackets only (a type is spliced into DDL as written).
bool is_type_name(std::string_view type, std::string* why = nullptr);

constexpr std::size_t kMaxIdentifierBytes = 63;  // PostgreSQL NAMEDATALEN - 1

// Settings whose value is a list (PostgreSQL's GUC_LIST_QUOTE ones, search_path among them).
bool is_list_setting(std::string_view name);
// The elements of a list setting's value as the catalog keeps it ("\"$user\", public"): split
// at the commas outside double quotes, trimmed, quotes removed ("" inside one is a quote).
std::vector<std::string> setting_list_elements(std::string_view value);
// A name as the catalog prints it inside a list or a qualified name: bare when it is a plain
// lower-case name, else double-quoted ("Audit", "$user").
std::string name_as_written(const std::string& name);
// The catalog's spelling of a list: elements joined with ", ", double-quoted where they are not
// plain lower-case names.
std::string setting_list_text(const std::vector<std::string>& elements);

}  // namespace reconcile::model
