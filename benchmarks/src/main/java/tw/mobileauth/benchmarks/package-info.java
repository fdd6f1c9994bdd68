/**
 * JMH benchmarks of the SDK beside their cryptographic floors, the load driver against the demo
 * portal and the enumeration timing check. BENCHMARKS.md at the repository root gives the commands
 * and the results.
 */
package tw.mobileauth.benchmarks;
