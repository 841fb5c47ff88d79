package io.teleflux.loopback;

import io.teleflux.tck.ProviderTck;
import java.util.concurrent.atomic.AtomicInteger;

/** The loopback provider passes the provider TCK. */
class LoopbackProviderTckTest extends ProviderTck {

    private static final AtomicInteger LINKS = new AtomicInteger();

    @Override
    protected Link newLink() {
        LoopbackConfig config = LoopbackConfig.named("tck-" + LINKS.incrementAndGet());
        return new Link(config, config);
    }

    @Override
    protected boolean lossless() {
        return true;
    }
}
