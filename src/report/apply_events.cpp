#include "report/apply_events.h"

#include "report/text_report.h"

namespace reconcile::report {
namespace {

std::string seconds_text(std::chrono::milliseconds d) {
    if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
    return std::to_string(d.count()) + " ms";
}

}  // namespace

void print_lock_retry(std::ostream& out, const apply::LockRetry& retry, const Style& style) {
    out << style.paint(Color::Yellow, std::string(kWarning) + " attempt " + std::to_string(retry.attempt) + " of " +
                                          std::to_string(retry.attempts) + " timed out waiting for a lock, and was rolled back:")
        << "\n    " << first_line(retry.statement) << "\n    " << retry.reason << "\n"
        << "  trying again in " << seconds_text(retry.backoff) << "\n";
    out.flush();
}

void print_long_transactions(std::ostream& out, const std::vector<dialect::OtherSession>& found, bool waited,
                             std::chrono::milliseconds threshold, const Style& style) {
    if (found.empty()) {
        out << "no transaction open longer than " << seconds_text(threshold) << " any more: going on\n";
        out.flush();
        return;
    }
    out << style.paint(Color::Yellow, std::string(kWarning) + " " + std::to_string(found.size()) + " other transaction(s) open longer than " +
                                          seconds_text(threshold) +
                                          (waited ? ", still open after --wait-for-idle; going on (the lock timeout keeps reconcile "
                                                    "from queueing behind them):"
                                                  : " (DDL that needs their locks waits for them, at most --lock-timeout; a concurrent "
                                                    "index build waits for them to end; --wait-for-idle waits for them first):"))
        << "\n";
    for (const auto& t : found)
        out << "    pid " << t.pid << " (" << (t.application.empty() ? "no application name" : t.application) << ", " << t.state
            << ", open " << t.seconds << " s): " << t.query << "\n";
    out.flush();
}

}  // namespace reconcile::report
