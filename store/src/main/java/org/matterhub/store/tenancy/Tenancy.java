package org.matterhub.store.tenancy;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into the store: runs work in a new transaction bound to a tenant scope. Nested calls with a
 * different scope start their own transaction (REQUIRES_NEW) so scopes never mix inside one transaction.
 */
public class Tenancy {

    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    public Tenancy(PlatformTransactionManager transactionManager) {
        this.readWrite = new TransactionTemplate(transactionManager);
        this.readWrite.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly.setReadOnly(true);
    }

    public <T> T write(TenantScope scope, Supplier<T> work) {
        return run(readWrite, scope, work);
    }

    public void writeVoid(TenantScope scope, Runnable work) {
        run(readWrite, scope, () -> {
            work.run();
            return null;
        });
    }

    public <T> T read(TenantScope scope, Supplier<T> work) {
        return run(readOnly, scope, work);
    }

    private static <T> T run(TransactionTemplate template, TenantScope scope, Supplier<T> work) {
        TenantScope previous = TenantContext.swap(scope);
        try {
            return template.execute(status -> work.get());
        } finally {
            TenantContext.swap(previous);
        }
    }
}
