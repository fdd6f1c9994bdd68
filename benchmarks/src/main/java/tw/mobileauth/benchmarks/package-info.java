/**
 * JMH benchmarks of the SDK beside their cryptographic floors, the load driver against the demo
 * portal and the enumeration timing check. BENCHMARKS.md at the repository root gives the commands
 * and the results.
 *
 * <p>Build the runnable jar (profile {@code bench}) and run the suite; {@link tw.mobileauth.benchmarks.Suite}
 * prints every figure and every ratio from one run:
 * <pre>
 * mvn -B -o package -Pbench -pl benchmarks -am -DskipTests
 * java -cp benchmarks/target/benchmarks.jar tw.mobileauth.benchmarks.Suite full    # about 10 min on 2 cores
 * java -cp benchmarks/target/benchmarks.jar tw.mobileauth.benchmarks.Suite smoke   # about 5 min
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar tw.mobileauth.benchmarks.MemoryFootprint   # 100 k pending
 * </pre>
 * Plain JMH works too: {@code java -jar benchmarks/target/benchmarks.jar LoginBenchmark -p store=memory}.
 */
package tw.mobileauth.benchmarks;
