using ManifestLint.Core.Index;
using static ManifestLint.Core.Tests.Support.Manifests;

namespace ManifestLint.Core.Tests.Model;

/// <summary>Objects the input will make exist without declaring them: controller outputs and configured externals.</summary>
[TestClass]
public sealed class GeneratedObjectsTests
{
    private static readonly string Generators = Lines(
        "apiVersion: cert-manager.io/v1",
        "kind: Certificate",
        "metadata: {name: web-cert, namespace: shop}",
        "spec: {secretName: web-tls, dnsNames: [shop.example.com]}",
        "---",
        "apiVersion: external-secrets.io/v1beta1",
        "kind: ExternalSecret",
        "metadata: {name: db-credentials, namespace: shop}",
        "spec: {target: {name: db-secret}}",
        "---",
        "apiVersion: external-secrets.io/v1beta1",
        "kind: ExternalSecret",
        "metadata: {name: api-key, namespace: shop}",
        "spec: {secretStoreRef: {name: vault}}",
        "---",
        "apiVersion: bitnami.com/v1alpha1",
        "kind: SealedSecret",
        "metadata: {name: sealed, namespace: shop}",
        "spec: {template: {metadata: {name: unsealed}}}",
        "---",
        "apiVersion: bitnami.com/v1alpha1",
        "kind: SealedSecret",
        "metadata: {name: plain-sealed, namespace: shop}",
        "spec: {encryptedData: {}}");

    [TestMethod]
    [DataRow("web-tls", "Certificate", DisplayName = "cert-manager Certificate spec.secretName")]
    [DataRow("db-secret", "ExternalSecret", DisplayName = "ExternalSecret spec.target.name")]
    [DataRow("api-key", "ExternalSecret", DisplayName = "ExternalSecret without a target: its own name")]
    [DataRow("unsealed", "SealedSecret", DisplayName = "SealedSecret spec.template.metadata.name")]
    [DataRow("plain-sealed", "SealedSecret", DisplayName = "SealedSecret without a template name: its own name")]
    public void A_known_controller_generates_a_Secret_that_will_exist_in_the_generator_namespace(string secret, string generatorKind)
    {
        var index = BuildIndex(Generators);

        var generated = index.FindGenerated("Secret", "shop", secret);

        Assert.IsNotNull(generated);
        Assert.AreEqual(generatorKind, generated.Generator.Kind);
        Assert.IsTrue(index.WillExist("Secret", "shop", secret));
        Assert.IsFalse(index.WillExist("Secret", "other", secret), "only in the generator's namespace");
        Assert.IsNull(index.Find("Secret", "shop", secret), "generated, not declared");
    }

    [TestMethod]
    public void A_Certificate_without_a_secret_name_generates_nothing()
    {
        var index = BuildIndex(Lines("apiVersion: cert-manager.io/v1", "kind: Certificate", "metadata: {name: c}", "spec: {dnsNames: [a.example.com]}"));

        Assert.IsFalse(index.WillExist("Secret", "default", "c"));
    }

    [TestMethod]
    public void Objects_declared_in_the_input_or_in_configuration_will_exist()
    {
        var index = BuildIndex(Lines("apiVersion: v1", "kind: Secret", "metadata: {name: declared, namespace: shop}"),
            externals: [new ExternalObject("Secret", "prod", "wildcard-tls"), new ExternalObject("ConfigMap", null, "cluster-info"), new ExternalObject("Secret", "*", "pull")]);

        Assert.IsTrue(index.WillExist("Secret", "shop", "declared"));
        Assert.IsFalse(index.WillExist("ConfigMap", "shop", "declared"), "the kind must match");
        Assert.IsTrue(index.WillExist("Secret", "prod", "wildcard-tls"));
        Assert.IsFalse(index.WillExist("Secret", "dev", "wildcard-tls"), "an external object with a namespace exists only there");
        Assert.IsTrue(index.WillExist("ConfigMap", "anywhere", "cluster-info"), "no namespace: any namespace");
        Assert.IsTrue(index.WillExist("Secret", "anywhere", "pull"), "namespace '*': any namespace");
        Assert.IsFalse(index.WillExist("Secret", "shop", "missing"));
    }
}
