// Shared by every conformance/<kpack version> module (symlinked as oracle.go): reads JSON requests, one per
// line, and answers each with one JSON line, using the kpack and go-containerregistry code that module pins.
// The per-version file kinds.go supplies the kinds, the webhook context and kpack's error filtering.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/google/go-containerregistry/pkg/name"
	"k8s.io/apimachinery/pkg/runtime"
)

// crd is what kpack's webhook needs of a kind (resourcesemantics.GenericCRD, minus what it does not call).
type crd interface {
	runtime.Object
	SetDefaults(context.Context)
}

type request struct {
	ID     json.RawMessage `json:"id,omitempty"`
	Op     string          `json:"op"`
	Object json.RawMessage `json:"object,omitempty"`
	// A default StorageClass exists in the cluster (kpack's webhook looks for one on every request).
	DefaultStorageClass bool `json:"defaultStorageClass,omitempty"`
	// That default StorageClass allows volume expansion.
	Expandable bool   `json:"expandable,omitempty"`
	Input      string `json:"input,omitempty"`
}

type response struct {
	ID json.RawMessage `json:"id,omitempty"`
	// admit: whether kpack's webhooks let the object in (create).
	Allowed *bool `json:"allowed,omitempty"`
	// admit: "decode" (the webhook could not decode the object), "validate" (Validate rejected it), or "".
	Stage string `json:"stage,omitempty"`
	// admit: FieldError.Error() of the error-level problems, or the decoding error; name ops: err.Error().
	Error    string          `json:"error,omitempty"`
	Warnings []string        `json:"warnings,omitempty"`
	Object   json.RawMessage `json:"object,omitempty"`
	// name ops
	OK         *bool  `json:"ok,omitempty"`
	Name       string `json:"name,omitempty"`
	Context    string `json:"context,omitempty"`
	Registry   string `json:"registry,omitempty"`
	Repository string `json:"repository,omitempty"`
	Identifier string `json:"identifier,omitempty"`
	// version
	Kpack               string   `json:"kpack,omitempty"`
	GoContainerregistry string   `json:"goContainerregistry,omitempty"`
	Kinds               []string `json:"kinds,omitempty"`
	Go                  string   `json:"go,omitempty"`
	// goTypes: the Go types each kind decodes into (gotypes.go).
	GoTypes json.RawMessage `json:"goTypes,omitempty"`
	// A request the oracle could not answer (bad JSON, unknown op or kind, a panic in kpack's code).
	Fault string `json:"fault,omitempty"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 && !(len(line) == 1 && line[0] == '\n') {
			b, _ := json.Marshal(handle(line))
			out.Write(b)
			out.WriteByte('\n')
		}
		// Answers are flushed when no further request is waiting, so pipelined requests are batched.
		if err != nil || in.Buffered() == 0 {
			if ferr := out.Flush(); ferr != nil {
				os.Exit(1)
			}
		}
		if err != nil {
			return
		}
	}
}

func handle(line []byte) (resp response) {
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return response{Fault: "bad request: " + err.Error()}
	}
	resp.ID = req.ID
	defer func() {
		if r := recover(); r != nil {
			resp = response{ID: req.ID, Fault: fmt.Sprintf("panic: %v", r)}
		}
	}()
	switch req.Op {
	case "admit":
		return admit(req)
	case "newTag":
		// kpack: validate.Tag/Tags and ImageSpec.validateTag use name.NewTag(value, name.WeakValidation).
		tag, err := name.NewTag(req.Input, name.WeakValidation)
		if err != nil {
			return nameError(req, err)
		}
		return response{ID: req.ID, OK: ptr(true), Name: tag.Name(), Context: tag.Context().Name(),
			Registry: tag.RegistryStr(), Repository: tag.RepositoryStr(), Identifier: tag.Identifier()}
	case "parseReference":
		// kpack: validate.Image and ClusterStore sources use name.ParseReference(value, name.WeakValidation).
		ref, err := name.ParseReference(req.Input, name.WeakValidation)
		if err != nil {
			return nameError(req, err)
		}
		return response{ID: req.ID, OK: ptr(true), Name: ref.Name(), Context: ref.Context().Name(),
			Registry: ref.Context().RegistryStr(), Repository: ref.Context().RepositoryStr(), Identifier: ref.Identifier()}
	case "goTypes":
		b, err := json.Marshal(describeGoTypes())
		if err != nil {
			return response{ID: req.ID, Fault: "cannot encode the Go types: " + err.Error()}
		}
		return response{ID: req.ID, GoTypes: b}
	case "version":
		names := make([]string, 0, len(kinds))
		for k := range kinds {
			names = append(names, k)
		}
		sortStrings(names)
		return response{ID: req.ID, Kpack: moduleVersion("github.com/pivotal/kpack"),
			GoContainerregistry: moduleVersion("github.com/google/go-containerregistry"), Kinds: names, Go: goVersion()}
	}
	return response{ID: req.ID, Fault: "unknown op " + fmt.Sprintf("%q", req.Op)}
}

func nameError(req request, err error) response {
	return response{ID: req.ID, OK: ptr(false), Error: err.Error()}
}

// admit runs what kpack's two webhooks do with an object on create: the defaulting webhook decodes it (unknown
// fields allowed) and calls SetDefaults within a create context; the validating webhook decodes the defaulted
// object (unknown fields refused, metadata aside) and calls Validate within a create context; error-level
// problems reject it, warning-level ones are returned as warnings. Both contexts carry the StorageClass facts
// kpack's withCheckDefaultStorageClass adds. (The user-info annotations the defaulting webhook adds need a
// requesting user; the oracle has none, so it adds none.)
func admit(req request) response {
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(req.Object, &meta); err != nil {
		return response{ID: req.ID, Allowed: ptr(false), Stage: "decode", Error: "cannot decode incoming new object: " + err.Error()}
	}
	newKind, ok := kinds[meta.APIVersion+"/"+meta.Kind]
	if !ok {
		return response{ID: req.ID, Fault: "kind not served by this kpack webhook: " + meta.APIVersion + "/" + meta.Kind}
	}
	ctx := webhookContext(context.Background(), req.DefaultStorageClass, req.Expandable)

	// The API server stores a custom object as unstructured JSON and sends the webhook its Go encoding: keys
	// sorted (so the first field that fails to decode is the first in that order), strings re-escaped.
	// Number literals are kept as they are (json.Number).
	var unstructured interface{}
	d := json.NewDecoder(bytes.NewReader(req.Object))
	d.UseNumber()
	if err := d.Decode(&unstructured); err != nil {
		return response{ID: req.ID, Fault: "the object is not JSON: " + err.Error()}
	}
	canonical, err := json.Marshal(unstructured)
	if err != nil {
		return response{ID: req.ID, Fault: "cannot encode the object: " + err.Error()}
	}

	obj := newKind()
	if err := decode(canonical, obj, false); err != nil {
		return response{ID: req.ID, Allowed: ptr(false), Stage: "decode", Error: "cannot decode incoming new object: " + err.Error()}
	}
	obj.SetDefaults(withinCreate(ctx))
	defaulted, err := json.Marshal(obj)
	if err != nil {
		return response{ID: req.ID, Fault: "cannot encode the defaulted object: " + err.Error()}
	}

	validated := newKind()
	if err := decode(defaulted, validated, validatingWebhookDisallowsUnknownFields); err != nil {
		return response{ID: req.ID, Allowed: ptr(false), Stage: "decode", Error: "cannot decode incoming new object: " + err.Error(), Object: defaulted}
	}
	errText, warnings := validate(withinCreate(ctx), validated)
	if errText != "" {
		return response{ID: req.ID, Allowed: ptr(false), Stage: "validate", Error: errText, Warnings: warnings, Object: defaulted}
	}
	return response{ID: req.ID, Allowed: ptr(true), Warnings: warnings, Object: defaulted}
}

func ptr[T any](v T) *T { return &v }

func moduleVersion(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, dep := range info.Deps {
		if dep.Path == path {
			if dep.Replace != nil {
				return dep.Replace.Version
			}
			return dep.Version
		}
	}
	return ""
}

func goVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		return info.GoVersion
	}
	return ""
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
