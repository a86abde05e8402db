package dev.parley.e2e.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the product once for the whole run (it is stopped when the run ends, or by a shutdown hook if the JVM goes
 * first) and, before every class and test, brings back anything a previous test left stopped.
 */
public final class RunningProduct implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Product.class);
    private static volatile Product product;

    /** The running product; only inside tests extended with this. */
    public static Product product() {
        if (product == null) {
            throw new IllegalStateException("the product is not running: annotate the test class with @EndToEnd");
        }
        return product;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // The root store closes the product after the last class.
        product = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Product.class, type -> {
            try {
                return Product.start();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the product: " + e.getMessage(), e);
            }
        }, Product.class);
        product.ensureHealthy();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        product().ensureHealthy();
    }
}
