using System.CommandLine;
using NixVfioGen.Cli.Formatting;
using NixVfioGen.Cli.Output;

namespace NixVfioGen.Cli.Commands;

/// <summary>Formats generated files and sends them to stdout or, atomically, to --output.</summary>
internal static class GeneratedOutput
{
    public static async Task EmitAsync(CliEnvironment environment, OutputOptionSet options, ParseResult result, IReadOnlyList<GeneratedFile> files, CancellationToken cancellation)
    {
        var finished = await FormatAsync(environment, options, result, files, cancellation);
        // "-" is stdout, as for most Unix tools.
        if (result.GetValue(options.Output) is { } path && path != "-")
        {
            // Like --out-dir: a missing directory is created (mkdir -p), once the text is complete.
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory && !Directory.Exists(directory))
            {
                CreateDirectory("--output", directory);
            }
            AtomicFile.WriteAll([(path, string.Concat(finished.Select(f => f.Text)))]);
            return;
        }
        foreach (var file in finished)
        {
            environment.Out.Write(file.Text);
        }
    }

    /// <summary>Writes every file into <paramref name="directory"/>, all or none.</summary>
    public static async Task WriteDirectoryAsync(CliEnvironment environment, OutputOptionSet options, ParseResult result, string directory, IReadOnlyList<GeneratedFile> files, CancellationToken cancellation)
    {
        var finished = await FormatAsync(environment, options, result, files, cancellation);
        if (File.Exists(directory))
        {
            throw new CliInputException($"--out-dir: '{CliInputException.Printable(directory)}' is a file; expected a directory");
        }
        // Nothing is written into it unless every file can be.
        CreateDirectory("--out-dir", directory);
        var paths = finished.Select(file => Path.Combine(directory, file.FileName)).ToArray();
        AtomicFile.WriteAll(paths.Zip(finished, (path, file) => (path, file.Text)).ToArray());
        environment.Error.WriteLine($"nix-vfio-gen: wrote {string.Join(" and ", paths.Select(p => CliInputException.Printable(p)))}; in a flake, git add both (a flake sees only tracked files)");
    }

    // Like mkdir -p; the reason names the directory that refused, as AtomicFile does for a file.
    private static void CreateDirectory(string option, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{option}: cannot create '{CliInputException.Printable(directory)}': {CreateDirectoryReason(error, directory)}");
        }
    }

    // A file where a directory has to be (mkdir's EEXIST or ENOTDIR), else the refusal of the deepest
    // directory that exists (DirectoryRefusal), else permission or the system's own words.
    private static string CreateDirectoryReason(Exception error, string directory)
    {
        var existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            if (File.Exists(existing))
            {
                return $"a part of the path is a file: '{CliInputException.Printable(existing)}'";
            }
            existing = parent;
        }
        return error switch
        {
            DirectoryNotFoundException => "a part of the path is not a directory",
            _ when DirectoryRefusal.Reason(error, existing, "directories") is { } refusal => refusal,
            UnauthorizedAccessException => $"permission denied in '{CliInputException.Printable(existing)}'; choose a directory you can write, or run with the rights to write there",
            _ => CliInputException.Printable(error.Message, int.MaxValue),
        };
    }

    private static async Task<GeneratedFile[]> FormatAsync(CliEnvironment environment, OutputOptionSet options, ParseResult result, IReadOnlyList<GeneratedFile> files, CancellationToken cancellation)
    {
        if (!files.Any(file => file.IsNix))
        {
            return [.. files];
        }
        var choice = options.ReadFormatter(result);
        var formatting = new NixFormatting(environment.Formatter, environment.Error);
        var finished = new List<GeneratedFile>();
        foreach (var file in files)
        {
            finished.Add(file.IsNix ? file with { Text = await formatting.ApplyAsync(choice, file.Text, cancellation) } : file);
        }
        return [.. finished];
    }
}
