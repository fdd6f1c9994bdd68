package tw.mobileauth.examples.spring.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.examples.spring.RequestBodies;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginChallenge;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginUnavailableException;

/**
 * The four-field login over JSON: a challenge for the bound browser's key to sign, then the
 * attempt exactly as {@code LoginAttempt.fromJson} reads it. Every refusal is the same
 * {@code 401 LOGIN_FAILED}, whichever field was wrong.
 */
@RestController
@RequestMapping("/rest/v1/logins")
public class LoginApi {

    private final MobileAuth auth;
    private final ApiSessions sessions;

    /** The API on {@code auth}, keeping the logins' sessions in {@code sessions}. */
    public LoginApi(MobileAuth auth, ApiSessions sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    /** A fresh single-use challenge: sign {@code SignedMessages.login(nonce, credentialId, origin)}. */
    @PostMapping("/challenge")
    public ResponseEntity<ChallengeView> challenge(HttpServletRequest request)
            throws InvalidInputException, LoginUnavailableException {
        LoginChallenge challenge = auth.login().beginLogin(RestRequests.client(request, DeviceClass.DESKTOP));
        return EnrolmentApi.noStore(new ChallengeView(challenge.id(), challenge.nonceBase64Url(),
                challenge.expiresAt().toString()));
    }

    /**
     * The attempt: the four fields, the credential id, the challenge id and the signature. On
     * success a new session: its token in the {@value ApiSessions#HEADER} response header (send it
     * back in the same request header), and the body says whether the 個資告知 must be acknowledged
     * first ({@code POST /rest/v1/session/notice}) and which version.
     */
    @PostMapping
    public ResponseEntity<AuthenticationView> login(HttpServletRequest request) throws IOException,
            RequestBodies.TooLargeException, HttpMediaTypeNotSupportedException, InvalidInputException, LoginFailedException, LoginUnavailableException {
        var client = RestRequests.client(request, DeviceClass.DESKTOP);
        Authentication a = auth.login().finishLogin(LoginAttempt.fromJson(RestRequests.jsonBody(request)), client);
        ApiSessions.Opened session = sessions.open(a);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(ApiSessions.HEADER, session.token())
                .body(view(a, session.expiresAt()));
    }

    static AuthenticationView view(Authentication a, Instant sessionExpiresAt) {
        return new AuthenticationView(a.subjectReference(), a.nationalId().masked(), a.credentialId().value(),
                a.method().name(), a.assurance().name(), a.assuranceLabel(), a.authenticatedAt().toString(),
                a.noticeVersion(), a.noticeAcknowledgementRequired(), sessionExpiresAt.toString());
    }

    /**
     * @param id        send it back as {@code challengeId}
     * @param nonce     base64url; sign it
     * @param expiresAt when it dies
     */
    public record ChallengeView(String id, String nonce, String expiresAt) {
    }

    /**
     * Who logged in, masked.
     *
     * @param subjectReference                the portal's stable reference for the person
     * @param maskedNationalId                e.g. A12****789
     * @param credentialId                    the bound credential
     * @param method                          {@code MOBILE_PHONE}
     * @param assurance                       e.g. {@code QUERY_ONLY}
     * @param assuranceLabel                  the label the portal shows
     * @param authenticatedAt                 when
     * @param noticeVersion                   the 個資告知 version in force
     * @param noticeAcknowledgementRequired   whether to show the notice first
     * @param sessionExpiresAt                when the session ends unless used (the idle timeout)
     */
    public record AuthenticationView(String subjectReference, String maskedNationalId, String credentialId,
            String method, String assurance, String assuranceLabel, String authenticatedAt, String noticeVersion,
            boolean noticeAcknowledgementRequired, String sessionExpiresAt) {
    }
}
