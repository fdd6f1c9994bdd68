package tw.mobileauth.store;

class InMemoryOneTimeTokenStoreTest extends OneTimeTokenStoreContract {

    @Override
    protected OneTimeTokenStore newStore() {
        return new InMemoryOneTimeTokenStore();
    }
}
