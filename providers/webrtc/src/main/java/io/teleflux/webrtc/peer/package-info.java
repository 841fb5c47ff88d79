/**
 * Building blocks for teleflux providers on webrtc-java 0.14.0, shared by the peer-to-peer provider
 * ({@code io.teleflux.webrtc}) and the broker providers and relays built on it.
 *
 * <ul>
 *   <li>{@link io.teleflux.webrtc.peer.PeerConnectionFactoryLease}: a use of the JVM's one reference-counted
 *   {@code PeerConnectionFactory} (headless audio), with counted peer connections.</li>
 *   <li>{@link io.teleflux.webrtc.peer.NativeCallbacks}: the guard every libwebrtc callback body runs in (an exception
 *   thrown into native code aborts the JVM).</li>
 *   <li>{@link io.teleflux.webrtc.peer.DataChannelBinding} and {@link io.teleflux.webrtc.peer.DataChannels}: a
 *   pre-negotiated data channel bound to a {@code ChannelSpec} and an {@code EndpointListener}, with flow control,
 *   drop counting and optional teleflux {@link io.teleflux.webrtc.peer.Framing}.</li>
 *   <li>{@link io.teleflux.webrtc.peer.PeerConfigurations}, {@link io.teleflux.webrtc.peer.SessionDescriptions},
 *   {@link io.teleflux.webrtc.peer.IceGathering}, {@link io.teleflux.webrtc.peer.SdpAttributes},
 *   {@link io.teleflux.webrtc.peer.PeerStats}: configuration, offer/answer as {@code Mono}s, non-trickle offers,
 *   the peer's maximum message size, statistics.</li>
 * </ul>
 *
 * <p>Threading rules for all of them: libwebrtc calls back on its signaling thread (one per factory, shared by every
 * peer connection); never block it, never call {@code dispose()} of the object whose callback runs, and hop to your
 * own thread before calling into a peer connection. Blocking calls ({@code acquire}, {@code close}) belong on
 * {@code Schedulers.boundedElastic()} or your own control thread.
 */
package io.teleflux.webrtc.peer;
