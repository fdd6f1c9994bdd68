package tw.mobileauth.eligibility;

import tw.mobileauth.client.DeviceClass;
import java.time.Duration;
import tw.mobileauth.identity.IdClass;

/** Fixtures: facts that satisfy every standard condition, to break one at a time. */
final class TestFacts {

    private TestFacts() {
    }

    /** A citizen on a CHT personal postpaid primary line, on 5G at home, on a smartphone. */
    static EligibilityFacts allFine() {
        return EligibilityFacts.builder()
                .idClass(IdClass.CITIZEN)
                .carrier("cht")
                .contractType(ContractType.POSTPAID)
                .holderType(HolderType.PERSONAL)
                .lineRole(LineRole.PRIMARY)
                .mvno(false)
                .accessNetwork(AccessNetwork.G5)
                .roaming(Roaming.notRoaming())
                .deviceClass(DeviceClass.SMARTPHONE)
                .timeSinceSimChange(Duration.ofDays(400))
                .nhiCard(NhiCardStatus.CONFIRMED)
                .build();
    }
}
