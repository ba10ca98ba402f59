package io.ferry.store;

/** {@link InMemoryApplicationSessionStore} against the store contract. */
class InMemoryApplicationSessionStoreTest extends ApplicationSessionStoreContract {

    @Override
    protected ApplicationSessionStore createStore() {
        return new InMemoryApplicationSessionStore();
    }
}
