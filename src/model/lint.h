#pragma once
// What a reviewer would flag in a model that loads: not errors (the loader refuses those), but
// choices that cost later. Values only; report/check_report writes the sentences.
#include <string>
#include <vector>

#include "model/schema.h"

namespace reconcile::model {

enum class LintKind {
    ForeignKeyWithoutIndex,     // no index starts with the key's columns: each delete in the
                                // referenced table scans this one
    TableWithoutPrimaryKey,     // rows cannot be told apart (and logical replication of
                                // updates and deletes needs a key)
    NotNullColumnWithoutDefault,  // added to a table the base has: fails once the table has rows
    NamesDifferOnlyInCase,      // PostgreSQL keeps them apart only quoted; SQLite takes them for one
};

const char* to_string(LintKind kind);  // "foreign-key-without-index", …

struct Lint {
    LintKind kind;
    SourceLoc loc;             // where the object flagged is declared
    std::string owner;         // the table ("public.orders"); for names differing in case, what holds them
    std::string name;          // the foreign key or column of `owner` flagged; "" for the table itself
    std::vector<std::string> names;  // the columns of the key, or the names that differ only in case
    std::string other;         // the referenced table of a foreign key; which names differ only in case
                               // ("relations", "columns", "constraints", "types", "functions", "schemas")
    // "public.orders.orders_customer_id_fkey": what the JSON report names.
    std::string object() const { return name.empty() ? owner : owner + "." + name; }
};

// `base`, when given, is what the model changes (a previous model, or the live database): a
// column the model adds to one of its tables is checked for a NOT NULL without a default.
std::vector<Lint> lint_schema(const Schema& model, const Schema* base);

}  // namespace reconcile::model
