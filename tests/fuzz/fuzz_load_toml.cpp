// Any text as a schema file: the loader either builds a model or throws reconcile::Error (a
// schema error with its place); anything else (another exception, a crash, undefined behaviour)
// is a finding. What it builds keeps the loader's promises: every expression is one expression
// and no text holds a NUL byte.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "model/load_toml.h"
#include "model/normalize.h"

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

void require_clean(const std::string& s) { require(s.find('\0') == std::string::npos); }

void require_expression(const std::optional<reconcile::model::Expression>& e) {
    if (!e) return;
    require_clean(e->text);
    require(reconcile::model::is_single_expression(e->text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    reconcile::model::Schema schema;
    try {
        reconcile::model::load_schema_text(text, "fuzz.toml", schema);
        reconcile::model::validate_schema(schema);
    } catch (const reconcile::Error& e) {
        require(e.kind() == reconcile::ErrorKind::Schema);
        return 0;
    }
    for (const auto& t : schema.tables) {
        require_clean(t.ref.name);
        require_clean(t.ref.schema);
        for (const auto& c : t.columns) {
            require_clean(c.name);
            require_clean(c.type);
            require_expression(c.default_value);
            require_expression(c.generated);
        }
        for (const auto& k : t.checks) require_expression(k.expression);
        for (const auto& i : t.indexes) require_expression(i.where);
        require_expression(t.partition_by);
    }
    for (const auto& v : schema.views) require_expression(v.definition);
    return 0;
}
