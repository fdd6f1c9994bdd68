package tw.mobileauth.store;

class InMemoryCounterStoreTest extends CounterStoreContract {

    @Override
    protected CounterStore newStore() {
        return new InMemoryCounterStore();
    }
}
