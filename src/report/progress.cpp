#include "report/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "report/text_report.h"

namespace reconcile::report {
namespace {

// 3140 → "3,140": a count people read at a glance.
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string seconds(std::chrono::steady_clock::duration d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", std::chrono::duration<double>(d).count());
    return buf;
}

// Cut to `width` columns, counting UTF-8 sequences as one column each (the line holds "·" and
// may hold names in any script).
std::string fit(const std::string& text, int width) {
    std::size_t columns = 0, i = 0;
    const std::size_t limit = width > 2 ? static_cast<std::size_t>(width - 1) : 1;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (++columns > limit) break;
    }
    return i < text.size() ? text.substr(0, i) : text;
}

}  // namespace

Progress::Mode progress_mode(bool stderr_is_the_process_stderr) {
    if (!stderr_is_the_process_stderr || progress_interval().count() == 0) return Progress::Mode::Off;
    const char* term = std::getenv("TERM");
    const bool dumb = term && std::string(term) == "dumb";
    return ::isatty(STDERR_FILENO) && !dumb ? Progress::Mode::Live : Progress::Mode::Periodic;
}

std::chrono::milliseconds progress_interval() {
    const char* text = std::getenv("RECONCILE_PROGRESS_INTERVAL");
    if (!text || !*text) return std::chrono::seconds(5);
    char* end = nullptr;
    const double s = std::strtod(text, &end);
    if (end == text || *end || s < 0) return std::chrono::seconds(5);
    if (s == 0) return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::max<long long>(1, static_cast<long long>(s * 1000)));
}

Progress::Progress(std::ostream& err, Mode mode, bool github, std::chrono::milliseconds interval)
    : err_(err), mode_(mode), github_(github && mode == Mode::Periodic), interval_(interval) {
    if (mode_ == Mode::Off) return;
    if (mode_ == Mode::Live) {
        winsize ws{};
        if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10) width_ = ws.ws_col;
    }
    thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() {
    if (mode_ == Mode::Off) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        active_ = false;
        clear_locked();
    }
    wake_.notify_all();
    thread_.join();
}

void Progress::stage(const std::string& what) {
    if (mode_ == Mode::Off) return;
    std::lock_guard<std::mutex> lock(mutex_);
    clear_locked();
    stage_ = what;
    statement_.clear();
    done_ = total_ = 0;
    active_ = true;
    started_ = last_plain_ = std::chrono::steady_clock::now();
}

void Progress::step(std::size_t done, std::size_t total, const std::string& statement) {
    if (mode_ == Mode::Off) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (!active_ || stage_ != "applying") {
        clear_locked();
        stage_ = "applying";
        active_ = true;
        started_ = last_plain_ = std::chrono::steady_clock::now();
    }
    done_ = done;
    total_ = total;
    statement_ = first_line(statement);
}

void Progress::idle() {
    if (mode_ == Mode::Off) return;
    std::lock_guard<std::mutex> lock(mutex_);
    active_ = false;
    clear_locked();
}

std::string Progress::line_locked(std::chrono::steady_clock::time_point now) const {
    std::string line = stage_;
    if (total_) line += " " + grouped(done_) + "/" + grouped(total_);
    line += " \u00b7 " + seconds(now - started_);
    if (!statement_.empty()) line += " \u00b7 " + statement_;
    return line;
}

void Progress::clear_locked() {
    if (line_shown_) {
        err_ << "\r\033[K" << std::flush;
        line_shown_ = false;
    }
    if (group_open_) {
        err_ << "::endgroup::\n" << std::flush;
        group_open_ = false;
    }
}

void Progress::draw_locked(std::chrono::steady_clock::time_point now) {
    if (!active_) return;
    if (mode_ == Mode::Live) {
        // Not at once: a stage over in a blink leaves nothing to clear.
        if (now - started_ < std::min<std::chrono::milliseconds>(interval_, std::chrono::milliseconds(300))) return;
        err_ << "\r\033[K" << fit(line_locked(now), width_) << std::flush;
        line_shown_ = true;
        return;
    }
    if (now - last_plain_ < interval_) return;
    last_plain_ = now;
    if (github_ && !group_open_) {
        err_ << "::group::reconcile: " << stage_ << "\n";
        group_open_ = true;
    }
    err_ << "reconcile: " << line_locked(now) << "\n" << std::flush;
}

void Progress::loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto tick = std::min<std::chrono::milliseconds>(interval_, std::chrono::milliseconds(mode_ == Mode::Live ? 100 : 250));
    while (!stopping_) {
        wake_.wait_for(lock, tick);
        if (!stopping_) draw_locked(std::chrono::steady_clock::now());
    }
}

}  // namespace reconcile::report
