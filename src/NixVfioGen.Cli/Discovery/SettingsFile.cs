using System.Text.Json;
using NixVfioGen.Installed;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads the settings.json doctor checks against: bounded (<see cref="HostFile"/>), a regular file only,
/// and refused with one line when it is not what the module installs (a null list entry, a value the
/// generator would never write) rather than failing somewhere inside the checks.
/// </summary>
internal static class SettingsFile
{
    /// <summary>The generator writes about 1 KiB; anything near this is not its file.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static Settings Load(string path)
    {
        var shown = CliInputException.Printable(path);
        var text = HostFile.Read(path, MaxBytes) switch
        {
            HostText.Read read => read.Text,
            HostText.Refused refused => throw new CliInputException($"settings: '{shown}' cannot be read ({refused.Reason}); expected a readable settings.json (it is world-readable under /etc)"),
            _ => throw new CliInputException($"settings: '{shown}' does not exist; expected the settings.json the module installs"),
        };
        if (NullEntry(text) is { } field)
        {
            throw new CliInputException($"settings: '{shown}' holds null in '{CliInputException.Printable(field)}'; expected the file the module installs");
        }
        try
        {
            return SettingsJson.Read(text)
                ?? throw new CliInputException($"settings: '{shown}' is not the JSON nix-vfio-gen writes; expected the file the module installs");
        }
        catch (InvalidInputException error)
        {
            throw new CliInputException($"settings: '{shown}' holds '{CliInputException.Printable(error.Value)}'; expected {error.Expected}");
        }
    }

    // The name of the first list holding null ({"ids":[null]}); the typed settings cannot say that.
    private static string? NullEntry(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Array
                    && property.Value.EnumerateArray().Any(entry => entry.ValueKind == JsonValueKind.Null))
                {
                    return property.Name;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
