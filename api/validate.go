package api

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/go-playground/validator/v10"

	"github.com/rungs/rungs/domain"
)

// Validator checks request types by their validate tags and reports every
// failing field by its JSON path.
type Validator struct{ v *validator.Validate }

// NewValidator returns a validator that names fields by their json tags.
func NewValidator() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	return &Validator{v: v}
}

// Validate implements echo.Validator.
func (v *Validator) Validate(i any) error {
	err := v.v.Struct(i)
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	out := &domain.ValidationError{}
	for _, fe := range verrs {
		out.Fields = append(out.Fields, domain.FieldError{
			Field:   fieldPath(fe.Namespace()),
			Rule:    fe.Tag(),
			Message: ruleMessage(fe),
		})
	}
	return out
}

// fieldPath drops the root struct name: "transferMapRequest.experiences[0].years" -> "experiences[0].years".
func fieldPath(ns string) string {
	_, rest, ok := strings.Cut(ns, ".")
	if !ok {
		return ns
	}
	// Embedded structs (BatchCandidate's CandidateRequest) appear under
	// their Go type name; their fields are inlined in the JSON, so drop
	// it. JSON names here are all lower case.
	parts := strings.Split(rest, ".")
	out := parts[:0]
	for _, p := range parts {
		if p != "" && unicode.IsUpper(rune(p[0])) {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ".")
}

func ruleMessage(fe validator.FieldError) string {
	kind := fe.Kind()
	sized := kind == reflect.String || kind == reflect.Slice || kind == reflect.Map
	switch fe.Tag() {
	case "required":
		return "is required"
	case "email":
		return "must be an email address"
	case "uuid", "uuid4":
		return "must be a UUID"
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(fe.Param(), " ", ", ")
	case "min", "gte":
		if sized {
			return fmt.Sprintf("must have at least %s %s", fe.Param(), unit(kind))
		}
		return "must be at least " + fe.Param()
	case "max", "lte":
		if sized {
			return fmt.Sprintf("must have at most %s %s", fe.Param(), unit(kind))
		}
		return "must be at most " + fe.Param()
	case "gt":
		return "must be greater than " + fe.Param()
	case "lt":
		return "must be less than " + fe.Param()
	case "slug":
		return "must be lowercase letters, digits and hyphens"
	case "required_without":
		return "is required when " + strings.ToLower(fe.Param()) + " is absent"
	case "excluded_with":
		return "cannot be combined with " + fe.Param()
	case "unique":
		return "must not repeat a value"
	case "notblank":
		return "must not be blank"
	}
	return "breaks rule " + fe.Tag()
}

func unit(k reflect.Kind) string {
	if k == reflect.String {
		return "characters"
	}
	return "items"
}
