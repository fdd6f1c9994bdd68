package tw.mobileauth.benchmarks;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.eligibility.AccessNetwork;
import tw.mobileauth.eligibility.ContractType;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.eligibility.HolderType;
import tw.mobileauth.eligibility.LineRole;
import tw.mobileauth.eligibility.NhiCardStatus;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.IdClass;
import tw.mobileauth.identity.MobileNumber;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;

/**
 * Pure CPU work of the SDK, with no floor but its own target: eligibility decisions
 * ({@code EligibilityPolicy.standard()} over four prepared fact sets, eligible and not; target
 * ≥ 5 M decisions/s per thread) and parsing of what a person types (身分證號, 手機號碼, 出生日期 in
 * ROC and Gregorian form, 姓名), each as typed with spaces and full-width characters where a person
 * would use them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Threads(1)
public class IdentityBenchmark {

    /** The policy, fact sets and typed values. */
    @State(Scope.Thread)
    public static class Inputs {
        final EligibilityPolicy policy = EligibilityPolicy.standard();
        final EligibilityFacts[] facts = {
            facts(ContractType.POSTPAID, LineRole.PRIMARY, AccessNetwork.G4, NhiCardStatus.CONFIRMED),
            facts(ContractType.PREPAID, LineRole.PRIMARY, AccessNetwork.G5, NhiCardStatus.CONFIRMED),
            facts(ContractType.POSTPAID, LineRole.FAMILY_SUB_LINE, AccessNetwork.G4, NhiCardStatus.CONFIRMED),
            facts(ContractType.POSTPAID, LineRole.PRIMARY, AccessNetwork.G3, NhiCardStatus.REPORTED_LOST),
        };
        final Clock clock = Clock.systemUTC();
        int next;

        private static EligibilityFacts facts(ContractType contract, LineRole role, AccessNetwork network,
                NhiCardStatus card) {
            return EligibilityFacts.builder().idClass(IdClass.CITIZEN).carrier("cht").contractType(contract)
                    .holderType(HolderType.PERSONAL).lineRole(role).mvno(false).accessNetwork(network)
                    .deviceClass(DeviceClass.SMARTPHONE).nhiCard(card).build();
        }
    }

    @Benchmark
    public EligibilityDecision eligibility(Inputs in) {
        return in.policy.evaluate(in.facts[in.next++ & 3]);
    }

    @Benchmark
    public NationalId nationalId() throws Exception {
        return NationalId.parse(" a123456789 ");
    }

    @Benchmark
    public MobileNumber mobileNumber() throws Exception {
        return MobileNumber.parse("0912-345-678");
    }

    @Benchmark
    public BirthDate birthDateRoc(Inputs in) throws Exception {
        return BirthDate.parse("75/03/14", in.clock);
    }

    @Benchmark
    public BirthDate birthDateGregorian(Inputs in) throws Exception {
        return BirthDate.parse("1986-03-14", in.clock);
    }

    @Benchmark
    public PersonName personName() throws Exception {
        return PersonName.of("王小明");
    }
}
