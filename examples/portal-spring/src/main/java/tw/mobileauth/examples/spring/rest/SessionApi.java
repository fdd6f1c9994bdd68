package tw.mobileauth.examples.spring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tw.mobileauth.FieldError;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.login.AssuranceLevel;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginUnavailableException;
import tw.mobileauth.login.PersonalDataExport;

/**
 * What a logged-in API client does with its session token (header {@value ApiSessions#HEADER}):
 * read the masked login, acknowledge the 個資告知, list and revoke the person's own bound
 * credentials, use the one 申辦 a mobile-phone login allows, and log out. A missing, unknown,
 * logged-out or expired token is one answer: {@code 401 SESSION_INVALID}.
 */
@RestController
@RequestMapping("/rest/v1/session")
public class SessionApi {

    /** The one 申辦 a QUERY_ONLY login may use (確診COVID-19申辦, the BLI manual's exception). */
    static final String DESIGNATED_FEATURE = "covid";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MobileAuth auth;
    private final ApiSessions sessions;

    /** The API on {@code auth} and the logins' {@code sessions}. */
    public SessionApi(MobileAuth auth, ApiSessions sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    /** The masked login this session holds; using it restarts the idle clock. */
    @GetMapping
    public ResponseEntity<LoginApi.AuthenticationView> session(
            @RequestHeader(name = ApiSessions.HEADER, required = false) String token) throws ApiRefusal {
        ApiSessions.Session s = require(token);
        return EnrolmentApi.noStore(LoginApi.view(s.authentication(), s.expiresAt()));
    }

    /** Logout: the token is dead at once ({@code 204}); any later use is {@code 401}. */
    @DeleteMapping
    public ResponseEntity<Void> logout(@RequestHeader(name = ApiSessions.HEADER, required = false) String token)
            throws ApiRefusal {
        sessions.end(require(token));
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    /**
     * 個資告知: {@code {"version": "…"}}, the version the login said is in force
     * ({@code noticeVersion}) and the person accepted. Another version is refused
     * ({@code 409 NOTICE_VERSION_NOT_IN_FORCE}): show the one in force.
     */
    @PostMapping("/notice")
    public ResponseEntity<LoginApi.AuthenticationView> acknowledgeNotice(
            @RequestHeader(name = ApiSessions.HEADER, required = false) String token, @RequestBody NoticeRequest body)
            throws ApiRefusal, InvalidInputException, LoginUnavailableException {
        ApiSessions.Session s = require(token);
        Authentication a = s.authentication();
        if (body.version() == null || body.version().isBlank()) {
            throw InvalidInputException.of("version", FieldReason.REQUIRED);
        }
        if (!body.version().equals(a.noticeVersion())) {
            throw new ApiRefusal(HttpStatus.CONFLICT, "NOTICE_VERSION_NOT_IN_FORCE", "version",
                    new LocalizedText("這不是目前施行的個資告知版本。", "This is not the personal data notice version in force."),
                    new LocalizedText("請顯示登入回應中 noticeVersion 所指的版本，經同意後再送出該版本。",
                            "Show the version the login named in noticeVersion and, once accepted, send that version."));
        }
        Authentication acknowledged;
        try {
            acknowledged = auth.login().acknowledgeNotice(a, body.version());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.errors().stream()
                    .map(f -> new FieldError("version", f.reason(), f.message())).toList());
        } catch (LoginFailedException e) {
            sessions.end(s); // the credential was revoked or erased since the login
            throw ApiRefusal.sessionInvalid();
        }
        if (!sessions.update(s, acknowledged)) {
            throw ApiRefusal.sessionInvalid();
        }
        return EnrolmentApi.noStore(LoginApi.view(acknowledged, s.expiresAt()));
    }

    /** The person's bound credentials (行動電話憑證), each with its status, and which one this session used. */
    @GetMapping("/credentials")
    public ResponseEntity<CredentialsView> credentials(
            @RequestHeader(name = ApiSessions.HEADER, required = false) String token)
            throws ApiRefusal, LoginUnavailableException {
        Authentication a = require(token).authentication();
        List<CredentialView> list = auth.administration().export(a.nationalId()).credentials().stream()
                .map(c -> CredentialView.of(c, c.credentialId().equals(a.credentialId().value()))).toList();
        return EnrolmentApi.noStore(new CredentialsView(list));
    }

    /**
     * Revokes one of the logged-in person's own credentials (a lost or old device); its sessions end
     * and its next login fails. Anyone else's credential, or an unknown id, is {@code 404}: the
     * answer does not tell which. Revoking this session's own credential also logs it out.
     */
    @DeleteMapping("/credentials/{credentialId}")
    public ResponseEntity<RevokedView> revoke(@RequestHeader(name = ApiSessions.HEADER, required = false) String token,
            @PathVariable("credentialId") String credentialId) throws ApiRefusal, LoginUnavailableException {
        Authentication a = require(token).authentication();
        Optional<CredentialId> id = CredentialId.parse(credentialId);
        boolean own = id.isPresent() && auth.administration().export(a.nationalId()).credentials().stream()
                .anyMatch(c -> c.credentialId().equals(credentialId));
        if (!own) {
            throw new ApiRefusal(HttpStatus.NOT_FOUND, "UNKNOWN_CREDENTIAL", "credentialId",
                    new LocalizedText("找不到您名下的這個綁定。", "You have no such bound credential."),
                    new LocalizedText("請以 GET /rest/v1/session/credentials 重新取得清單後再選擇。",
                            "List your credentials again (GET /rest/v1/session/credentials) and choose from it."));
        }
        auth.administration().revoke(id.get());
        sessions.endAllFor(credentialId);
        boolean current = credentialId.equals(a.credentialId().value());
        return EnrolmentApi.noStore(new RevokedView(credentialId, "REVOKED", current));
    }

    /**
     * One 申辦, gated like the pages: a mobile-phone login ({@code QUERY_ONLY}) may use only
     * {@value #DESIGNATED_FEATURE} ({@code 202} with a receipt id); anything else is
     * {@code 403 ASSURANCE_TOO_LOW}. The 個資告知 comes first ({@code 403 NOTICE_ACKNOWLEDGEMENT_REQUIRED}).
     */
    @PostMapping("/applications/{feature}")
    public ResponseEntity<ReceiptView> apply(@RequestHeader(name = ApiSessions.HEADER, required = false) String token,
            @PathVariable("feature") String feature) throws ApiRefusal {
        Authentication a = require(token).authentication();
        if (!allowed(a.assurance(), feature)) {
            throw new ApiRefusal(HttpStatus.FORBIDDEN, "ASSURANCE_TOO_LOW", "feature",
                    new LocalizedText("以行動電話認證登入僅提供查詢功能（含確診COVID-19申辦），無法進行此項申辦。",
                            "A mobile-phone login allows queries only (and the COVID-19 application); it cannot make this application."),
                    new LocalizedText("請登出後以自然人憑證、健保卡或其他較高強度的方式登入再申辦。",
                            "Log out and log in with a stronger method (citizen certificate, NHI card, …) to apply."));
        }
        if (a.noticeAcknowledgementRequired()) {
            throw new ApiRefusal(HttpStatus.FORBIDDEN, "NOTICE_ACKNOWLEDGEMENT_REQUIRED", "version",
                    new LocalizedText("使用服務前須先同意個資告知。", "Accept the personal data notice before using the services."),
                    new LocalizedText("請顯示個資告知，經同意後送出 POST /rest/v1/session/notice。",
                            "Show the notice and, once accepted, send POST /rest/v1/session/notice."));
        }
        byte[] receipt = new byte[16];
        RANDOM.nextBytes(receipt);
        return ResponseEntity.status(HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore())
                .body(new ReceiptView(DESIGNATED_FEATURE, "rcp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(receipt),
                        Instant.now().toString()));
    }

    /** QUERY_ONLY allows exactly the designated feature. */
    static boolean allowed(AssuranceLevel level, String feature) {
        return level == AssuranceLevel.QUERY_ONLY && DESIGNATED_FEATURE.equals(feature);
    }

    private ApiSessions.Session require(String token) throws ApiRefusal {
        return sessions.find(token).orElseThrow(ApiRefusal::sessionInvalid);
    }

    /** @param version the 個資告知 version the person accepted */
    public record NoticeRequest(String version) {
    }

    /** @param credentials the person's credentials, active and revoked */
    public record CredentialsView(List<CredentialView> credentials) {
    }

    /**
     * One bound credential (a browser's device key and its certificate).
     *
     * @param credentialId        {@code mat_…}
     * @param status              {@code ACTIVE} or {@code REVOKED}
     * @param issuedAt            when it was bound
     * @param certificateNotAfter when its certificate expires
     * @param revokedAt           when it was revoked, if it was
     * @param lastUsedAt          its last successful login, if any
     * @param deviceClass         the bound device's class, e.g. {@code DESKTOP}; absent when the SDK did not record it
     * @param browserFamily       the bound browser, e.g. {@code CHROME}; absent when not recorded
     * @param current             whether this session logged in with it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CredentialView(String credentialId, String status, String issuedAt, String certificateNotAfter,
            String revokedAt, String lastUsedAt, String deviceClass, String browserFamily, boolean current) {
        static CredentialView of(PersonalDataExport.Credential c, boolean current) {
            return new CredentialView(c.credentialId(), c.status(), c.issuedAt().toString(),
                    c.certificateNotAfter().toString(), c.revokedAt().map(Instant::toString).orElse(null),
                    c.lastUsedAt().map(Instant::toString).orElse(null),
                    c.boundDevice().map(b -> b.deviceClass().name()).orElse(null),
                    c.boundDevice().map(b -> b.browserFamily().name()).orElse(null), current);
        }
    }

    /**
     * @param credentialId  the credential revoked
     * @param status        {@code REVOKED}
     * @param sessionEnded  whether it was this session's credential, so this session ended too
     */
    public record RevokedView(String credentialId, String status, boolean sessionEnded) {
    }

    /**
     * @param feature    the 申辦 received
     * @param receiptId  its receipt (demo: not stored)
     * @param receivedAt when
     */
    public record ReceiptView(String feature, String receiptId, String receivedAt) {
    }
}
