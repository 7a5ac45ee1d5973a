using ManifestLint.SchemaGenerator;

// Regenerates the embedded Kubernetes schema from the shared API description:
//   dotnet run --project tests/ManifestLint.SchemaGenerator -- ../shared/kubernetes-api src/ManifestLint.Core/Schema/kubernetes.schema.json.gz
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ManifestLint.SchemaGenerator KUBERNETES_API_DIR OUTPUT.json.gz");
    return 2;
}

var generated = KubernetesSchemaGenerator.Generate(args[0]);
File.WriteAllBytes(args[1], KubernetesSchemaGenerator.Compress(generated.Json));
Console.WriteLine($"{generated.Kinds} kinds, {generated.Definitions} definitions, {generated.Json.Length} bytes of JSON");
return 0;
