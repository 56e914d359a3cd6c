CREATE TABLE placeholder ();
CREATE TABLE heartbeat (beat integer);
