using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Guest;

/// <summary>PowerShell's own parser (pwsh, the PowerShell .NET global tool that test.sh installs).</summary>
internal static class PowerShell
{
    public static string Executable
    {
        get
        {
            var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"))
                .Select(directory => Path.Combine(directory, "pwsh"));
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("pwsh is not installed; run ./test.sh, which installs it with: dotnet tool install --global PowerShell --version 7.6.9");
        }
    }

    /// <summary>The parse errors of a script file, one per line; empty when it parses.</summary>
    public static string ParseErrors(string path)
    {
        var command = "$errors = $null; $tokens = $null; " +
            $"[System.Management.Automation.Language.Parser]::ParseFile('{path.Replace("'", "''", StringComparison.Ordinal)}', [ref]$tokens, [ref]$errors) | Out-Null; " +
            "$errors | ForEach-Object { \"$($_.Extent.StartLineNumber): $($_.Message)\" }";
        var result = ExternalTool.Run(Executable, ["-NoLogo", "-NoProfile", "-NonInteractive", "-Command", command]);
        Assert.True(result.ExitCode == 0, "pwsh failed: " + result.Stderr);
        return result.Stdout.Trim();
    }

    /// <summary>Runs a script file with pwsh, HOME set to <paramref name="home"/> (where .NET finds the Desktop).</summary>
    public static ExternalTool.Result RunFile(string path, string home) =>
        ExternalTool.Run("env", [$"HOME={home}", Executable, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", path]);

    /// <summary>
    /// A script that loads every function <paramref name="scriptPath"/> defines (found with PowerShell's own
    /// parser, so nothing else in it runs), then runs <paramref name="body"/> under ErrorActionPreference Stop.
    /// </summary>
    public static string WithFunctionsOf(string scriptPath, string body) =>
        "$ErrorActionPreference = 'Stop'\n" +
        "$tokens = $null; $errors = $null\n" +
        $"$ast = [System.Management.Automation.Language.Parser]::ParseFile({Quote(scriptPath)}, [ref]$tokens, [ref]$errors)\n" +
        "foreach ($function in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)) {\n" +
        "    . ([ScriptBlock]::Create($function.Extent.Text))\n" +
        "}\n" + body + "\n";

    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
