package io.teleflux.broker;

/**
 * Who the broker says the operator is ({@code GET /api/v1/auth/me}).
 *
 * @param subject the app identity (the operator's e-mail address)
 * @param role    {@code "operator"} or {@code "admin"} (admins see every tenant's sessions)
 */
public record OperatorIdentity(String subject, String role) {
}
