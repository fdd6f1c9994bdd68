package tw.mobileauth.enrollment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.IdDocumentType;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.store.EnrollmentRecord;

/**
 * An enrolment under verification, as one step of {@link FinishVerificationSteps} hands it to
 * the next.
 *
 * @param record   the enrolment record as last read or written
 * @param doc      its document; the steps change it in place before writing it
 * @param pii      its sealed personal data, opened
 * @param adapter  its carrier's adapter
 * @param stateKey the keyed hash of the callback's carrier {@code state}
 */
record Verifying(EnrollmentRecord record, EnrollmentDocument doc, PendingData pii, CarrierAdapter adapter,
        String stateKey) {

    /** The applicant's details as the form gave them. */
    record Holder(NationalId id, PersonName name, BirthDate birthDate) {
        /** What the carrier's KYC match compares with its holder of the line. */
        SubscriberClaims claims() {
            return new SubscriberClaims(id.value(), id.isCitizen() ? IdDocumentType.NATIONAL_ID_CARD
                    : IdDocumentType.RESIDENCE_PERMIT, name.value(), birthDate.toLocalDate());
        }
    }

    String id() {
        return record.id();
    }

    /** The same enrolment after {@code written} was stored. */
    Verifying after(EnrollmentRecord written) {
        return new Verifying(written, doc, pii, adapter, stateKey);
    }

    /**
     * Records a successful number verification and the network status on the document, for the
     * checkpoint: tied to this state, and to the paired phone if the pairing was confirmed. The
     * carrier's single-use challenge is forgotten; {@code lastError} is cleared.
     */
    void noteNumberVerified(NvVerification nv, AeadKey sealKey) {
        doc.nvStateKey = stateKey;
        doc.nvVerifiedAt = nv.result().verifiedAt().toString();
        doc.nvAccess = nv.network().accessNetwork().name();
        doc.nvRoaming = nv.network().roaming();
        doc.nvVisitedCountry = nv.network().visitedCountry().isPresent()
                ? nv.network().visitedCountry().getAsInt() : null;
        doc.nvByPairedPhone = doc.pairingConfirmed;
        pii.forgetChallenge();
        doc.sealedPii = pii.seal(sealKey, id());
        doc.lastError = null;
    }

    /** The applicant's details, parsed again from the sealed data (they validated at {@code begin}). */
    Holder holder(Clock clock) {
        try {
            return new Holder(NationalId.parse(pii.nationalId), PersonName.of(pii.name),
                    BirthDate.of(LocalDate.parse(pii.birthDate), clock));
        } catch (InvalidInputException e) {
            throw new IllegalStateException("stored personal data no longer validates", e);
        }
    }

    /** What is known before the subscriber look-ups: ID class, carrier, verifying device and its network. */
    EligibilityFacts knownFacts(NationalId id) {
        EligibilityFacts facts = EligibilityFacts.unknown().withIdClass(id.idClass()).withCarrier(doc.carrierId);
        if (doc.verifyingDevice != null) {
            facts = facts.withDeviceClass(DeviceClass.valueOf(doc.verifyingDevice));
        }
        return CarrierFacts.withNetwork(facts, doc.nvAccess, Boolean.TRUE.equals(doc.nvRoaming),
                Optional.ofNullable(doc.nvVisitedCountry));
    }
}
