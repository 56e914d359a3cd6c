CREATE TABLE heartbeat (beat integer);
