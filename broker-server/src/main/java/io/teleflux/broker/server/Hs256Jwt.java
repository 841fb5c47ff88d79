package io.teleflux.broker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens (RFC 7519), compact form, with the one secret the broker is configured with: signs operator
 * tokens and verifies them (algorithm, signature in constant time, {@code exp}, {@code sub}).
 */
final class Hs256Jwt {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;

    Hs256Jwt(byte[] secret) {
        this.secret = secret.clone();
    }

    /** A token with {@code sub = email}, {@code iat} and {@code exp}; {@code admin} adds {@code "role":"admin"}. */
    String sign(String email, Instant issuedAt, Instant expiresAt, boolean admin) {
        ObjectNode claims = MAPPER.createObjectNode()
                .put("sub", email)
                .put("email", email)
                .put("iat", issuedAt.getEpochSecond())
                .put("exp", expiresAt.getEpochSecond());
        if (admin) {
            claims.put("role", "admin");
        }
        String payload = ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        return signingInput + "." + ENCODER.encodeToString(mac(signingInput));
    }

    /**
     * The verified claims of {@code token}, or empty when it is malformed, not HS256, badly signed, has no string
     * {@code sub} or a missing or past {@code exp} at {@code now}.
     */
    Optional<JsonNode> verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = MAPPER.readTree(DECODER.decode(parts[0]));
            if (header == null || !"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] expected = mac(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = MAPPER.readTree(DECODER.decode(parts[1]));
            if (claims == null || !claims.path("sub").isTextual() || claims.path("sub").asText().isBlank()
                    || !claims.path("exp").isNumber() || claims.path("exp").asLong() <= now.getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
