using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>
/// A hash of a random password no one knows, made once with Identity's hasher and its options, so an unknown
/// e-mail spends the same time on a password check as a known one.
/// </summary>
public sealed class DecoyPasswordHash
{
    private static readonly ApplicationUser Nobody = new();
    private readonly PasswordHasher<ApplicationUser> _hasher;
    private readonly Lazy<string> _hash;

    public DecoyPasswordHash(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<ApplicationUser>(options);
        _hash = new Lazy<string>(() => _hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    public void Verify(string password) => _hasher.VerifyHashedPassword(Nobody, _hash.Value, password);
}
