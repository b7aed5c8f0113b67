package org.matterhub.portal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hub's own OpenID Connect issuer for the demo and the tests: an RSA key made at start, a JWKS, and
 * minted tokens. Production configures a real provider instead (Auth0, Entra ID, Okta, Keycloak).
 */
public final class EmbeddedIssuer {

    private final String issuer;
    private final String audience;
    private final RSAKey key;

    public EmbeddedIssuer(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            this.key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    /**
     * A token for this e-mail, valid for {@code lifetime}, with optional extra claims (which override the defaults).
     * The provider vouches for the address ({@code email_verified: true}) and names the person by a stable subject
     * derived from it, so the same demo user always signs in as the same identity (the hub binds by issuer and subject).
     */
    public String mint(String email, Duration lifetime, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(List.of(audience)).subject("embedded|" + email.toLowerCase())
                .claim("email", email.toLowerCase()).claim("email_verified", true)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .claim("auth_time", now.getEpochSecond())
                .expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString());
        extraClaims.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
