package org.matterhub.routes.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.matterhub.mappings.canonical.SourceSystem;

class VendorRegistryTest {

    interface Greeting extends VendorAdapter {
        String hello();
    }

    interface Farewell extends VendorAdapter {
    }

    record Hello(SourceSystem system, String hello) implements Greeting {
        @Override
        public String displayName() {
            return system.name();
        }
    }

    record Bye(SourceSystem system) implements Farewell {
        @Override
        public String displayName() {
            return system.name();
        }
    }

    @Test
    void findsTheAdapterOfAVendorByPortAndId() {
        VendorRegistry registry = new VendorRegistry(List.of(new Hello(SourceSystem.XERO, "kia ora"),
                new Hello(SourceSystem.QUICKBOOKS, "hi"), new Bye(SourceSystem.XERO)));

        assertThat(registry.adapter("xero", Greeting.class).hello()).isEqualTo("kia ora");
        assertThat(registry.adapter(SourceSystem.QUICKBOOKS, Greeting.class).hello()).isEqualTo("hi");
        assertThat(registry.supports("quickbooks", Farewell.class)).isFalse();
        assertThat(registry.supports("xero", Farewell.class)).isTrue();
        assertThat(registry.all(Greeting.class)).extracting(Greeting::hello).containsExactly("hi", "kia ora");
        assertThat(registry.find("nonsense", Greeting.class)).isEmpty();
    }

    @Test
    void anUnknownVendorIsAClearError() {
        VendorRegistry registry = new VendorRegistry(List.of(new Hello(SourceSystem.XERO, "kia ora")));

        assertThatThrownBy(() -> registry.adapter("clio", Greeting.class))
                .isInstanceOf(UnknownVendorException.class).hasMessageContaining("Greeting").hasMessageContaining("'clio'");
    }

    @Test
    void twoAdaptersOfOneVendorForOnePortAreRefusedAtStart() {
        assertThatThrownBy(() -> new VendorRegistry(List.of(new Hello(SourceSystem.XERO, "a"),
                new Hello(SourceSystem.XERO, "b")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Greeting");
    }
}
