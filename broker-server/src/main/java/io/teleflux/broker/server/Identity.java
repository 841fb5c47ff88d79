package io.teleflux.broker.server;

/** Who made a request: a robot (by its API key) or an operator (by its bearer token). */
sealed interface Identity {

    /** The tenant: the robot key's owner, or the operator's email. */
    String owner();

    /** A robot, authenticated by key {@code keyId}; {@code robotId} is namespaced {@code "<owner>:<robot>"}. */
    record Robot(String keyId, String owner, String robotId) implements Identity {
    }

    /** An operator; {@code admin} sees and acts on every owner's sessions. */
    record Operator(String email, boolean admin) implements Identity {
        @Override
        public String owner() {
            return email;
        }

        /** Whether this operator may see a session of {@code sessionOwner}. */
        boolean mayAccess(String sessionOwner) {
            return admin || email.equals(sessionOwner);
        }
    }
}
