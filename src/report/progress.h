#pragma once
// What a long run is doing, while it does it, on stderr (stdout may be a JSON plan or a SQL
// script, and is the report people read afterwards):
// - on a terminal, one live line redrawn in place (`applying 812/3,140 · 12.4 s · CREATE INDEX …`),
//   cleared whenever the run prints anything else and at the end;
// - elsewhere (CI logs, pipes), a plain line at most every `interval`, the first only once a
//   stage has lasted that long, so a quick run prints none;
// - in GitHub Actions, those plain lines inside a `::group::` per stage, folded in the log.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace reconcile::report {

class Progress {
public:
    enum class Mode { Off, Live, Periodic };
    Progress(std::ostream& err, Mode mode, bool github, std::chrono::milliseconds interval);
    ~Progress();  // clears the live line, closes a group
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // A new stage ("reading the catalog", "verifying"), timed from now.
    void stage(const std::string& what);
    // Within the "applying" stage: statement `done` of `total` has started.
    void step(std::size_t done, std::size_t total, const std::string& statement);
    // Nothing to show until the next stage: the run is about to print, or to wait for a person.
    void idle();

private:
    void loop();
    void draw_locked(std::chrono::steady_clock::time_point now);  // with mutex_ held
    void clear_locked();
    std::string line_locked(std::chrono::steady_clock::time_point now) const;

    std::ostream& err_;
    const Mode mode_;
    const bool github_;
    const std::chrono::milliseconds interval_;
    int width_ = 80;  // the terminal's columns, for the live line

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool active_ = false;       // a stage is running
    bool line_shown_ = false;   // the live line is on the screen
    bool group_open_ = false;   // a ::group:: is open
    std::string stage_, statement_;
    std::size_t done_ = 0, total_ = 0;
    std::chrono::steady_clock::time_point started_, last_plain_;
    std::thread thread_;
};

// Live on a terminal, periodic elsewhere, off for in-process runs that are not the process's
// stderr. RECONCILE_PROGRESS_INTERVAL (seconds, default 5) sets the plain lines' interval; 0
// turns progress off.
Progress::Mode progress_mode(bool stderr_is_the_process_stderr);
std::chrono::milliseconds progress_interval();

}  // namespace reconcile::report
