package org.matterhub.routes.vendor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.matterhub.mappings.canonical.SourceSystem;
import org.springframework.stereotype.Component;

/**
 * The one place where a vendor is chosen: every {@link VendorAdapter} bean, indexed by the {@link SourceSystem} it
 * serves. A capability flow asks for {@code adapter(vendor, BillingPort.class)} and works with whatever it gets; no
 * other class compares a vendor's name. Adding a vendor is adding its adapter beans: nothing here changes.
 */
@Component
public class VendorRegistry {

    private final Map<SourceSystem, List<VendorAdapter>> bySystem = new EnumMap<>(SourceSystem.class);

    public VendorRegistry(List<VendorAdapter> adapters) {
        for (VendorAdapter a : adapters) {
            List<VendorAdapter> list = bySystem.computeIfAbsent(a.system(), k -> new ArrayList<>());
            for (VendorAdapter other : list) {
                for (Class<?> port : a.getClass().getInterfaces()) {
                    if (VendorAdapter.class.isAssignableFrom(port) && port.isInstance(other)) {
                        throw new IllegalStateException("Two adapters of " + a.system() + " implement "
                                + port.getSimpleName() + ": " + a.getClass().getName() + " and " + other.getClass().getName());
                    }
                }
            }
            list.add(a);
        }
    }

    /** The {@code port} adapter of {@code system}; fails with {@link UnknownVendorException} when it has none. */
    public <T extends VendorAdapter> T adapter(SourceSystem system, Class<T> port) {
        return find(system, port).orElseThrow(() -> new UnknownVendorException(system.id(), port));
    }

    /** The {@code port} adapter of the vendor whose id is {@code vendorId} (as stored on a connection). */
    public <T extends VendorAdapter> T adapter(String vendorId, Class<T> port) {
        return find(vendorId, port).orElseThrow(() -> new UnknownVendorException(vendorId, port));
    }

    /** The {@code port} adapter of the vendor whose id is {@code vendorId}, if it has one. */
    public <T extends VendorAdapter> Optional<T> find(String vendorId, Class<T> port) {
        return SourceSystem.fromId(vendorId).flatMap(s -> find(s, port));
    }

    /** The {@code port} adapter of {@code system}, if it has one. */
    public <T extends VendorAdapter> Optional<T> find(SourceSystem system, Class<T> port) {
        return bySystem.getOrDefault(system, List.of()).stream().filter(port::isInstance).map(port::cast).findFirst();
    }

    /** Every vendor's {@code port} adapter, in {@link SourceSystem} order. */
    public <T extends VendorAdapter> List<T> all(Class<T> port) {
        return bySystem.values().stream().flatMap(List::stream).filter(port::isInstance).map(port::cast).toList();
    }

    /** Whether the vendor whose id is {@code vendorId} implements {@code port}. */
    public boolean supports(String vendorId, Class<? extends VendorAdapter> port) {
        return find(vendorId, port).isPresent();
    }
}
