using System.Text.Json;

namespace NixVfioGen.Tests.Support;

internal static class JsonPath
{
    /// <summary>Follows a dotted attribute path through evaluated Nix.</summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
        {
            Assert.True(element.TryGetProperty(name, out element), $"no attribute '{name}' on the way to {path}");
        }
        return element;
    }

    public static bool Has(this JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return false;
            }
        }
        return true;
    }

    public static string[] Strings(this JsonElement element) =>
        element.EnumerateArray().Select(item => item.GetString()!).ToArray();
}
