/**
 * The load driver: simulated people enrol through the demo portal's pages and JSON endpoints (the
 * phone played on the fake carrier networks) and then log in with the four fields, concurrently,
 * over loopback HTTP; throughput, latency percentiles and the heap, with the hashing limiter on and
 * off, beside the 2-thread login floor measured in the same process.
 */
package tw.mobileauth.benchmarks.load;
