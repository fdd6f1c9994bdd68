package tw.mobileauth.store;

class InMemoryCredentialStoreTest extends CredentialStoreContract {

    @Override
    protected CredentialStore newStore() {
        return new InMemoryCredentialStore();
    }
}
