package io.teleflux.spi;

/**
 * An immutable, value-equal description of a provider ("where the bytes go"). Sessions built with equal configs share
 * one {@link Provider} per JVM (one peer connection, one broker session), reference-counted by the
 * {@link ProviderRegistry}: it is started with the first session and stopped when the last one closes.
 *
 * <p>Implementations MUST be immutable and implement {@code equals}/{@code hashCode} over exactly the fields that make
 * two configs the same provider (records do). They MUST NOT open any resource before {@link Provider#start()}.
 */
public interface ProviderConfig {

    /** A new, not yet started provider for this config. Called by the registry once per active config. */
    Provider createProvider();

    /** A short name for logs, for example {@code loopback} or {@code webrtc}. */
    String kind();
}
