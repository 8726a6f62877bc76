// Command pki writes the throwaway credentials of the test API server into a directory: a CA, the server's
// serving certificate for 127.0.0.1, a system:masters client certificate, and the service-account signing key.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: pki DIR")
	}
	dir := os.Args[1]
	now := time.Now()
	// Valid for a day: long enough for any run, short enough that a leaked folder is worth nothing.
	notBefore, notAfter := now.Add(-time.Hour), now.Add(24*time.Hour)

	caKey := newKey()
	caTemplate := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "cdk8s-kpack test CA"},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	check(err)
	ca, err := x509.ParseCertificate(caDER)
	check(err)
	writeCert(dir, "ca.crt", caDER)

	issue := func(name string, template *x509.Certificate) {
		key := newKey()
		template.SerialNumber, template.NotBefore, template.NotAfter = serial(), notBefore, notAfter
		template.KeyUsage = x509.KeyUsageDigitalSignature
		der, err := x509.CreateCertificate(rand.Reader, template, ca, &key.PublicKey, caKey)
		check(err)
		writeCert(dir, name+".crt", der)
		writeKey(dir, name+".key", key)
	}
	issue("serving", &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
	})
	// RBAC lets the system:masters group do everything: the kubeconfig's user is an administrator.
	issue("admin", &x509.Certificate{
		Subject:     pkix.Name{CommonName: "cdk8s-kpack-test-admin", Organization: []string{"system:masters"}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})

	saKey := newKey()
	writeKey(dir, "service-account.key", saKey)
	pub, err := x509.MarshalPKIXPublicKey(&saKey.PublicKey)
	check(err)
	write(dir, "service-account.pub", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
}

func newKey() *ecdsa.PrivateKey {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	check(err)
	return key
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	check(err)
	return n
}

func writeCert(dir, name string, der []byte) {
	write(dir, name, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func writeKey(dir, name string, key *ecdsa.PrivateKey) {
	der, err := x509.MarshalECPrivateKey(key)
	check(err)
	write(dir, name, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
}

func write(dir, name string, data []byte) {
	check(os.WriteFile(filepath.Join(dir, name), data, 0o600))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
