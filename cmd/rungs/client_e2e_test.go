package main

import (
	"context"
	"testing"

	"github.com/rungs/rungs/client"
)

// TestTransferMapJourneyThroughTheGeneratedClient drives the running binary
// with the client generated from openapi/openapi.yaml, as an HR tool would:
// a what-if map for a fundraiser, then a request the API refuses.
func TestTransferMapJourneyThroughTheGeneratedClient(t *testing.T) {
	s := startServer(t, nil)
	c, err := client.NewClientWithResponses(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	health, err := c.GetHealthzWithResponse(ctx)
	if err != nil || health.JSON200 == nil || health.JSON200.Status != "ok" {
		t.Fatalf("healthz: %v %+v", err, health)
	}

	title := "Major Gifts Officer"
	res, err := c.PostTransferMapWithResponse(ctx, nil, client.PostTransferMapJSONRequestBody{
		Experiences: []client.ApiExperienceRequest{{Title: &title, Years: 8}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.JSON200 == nil {
		t.Fatalf("transfer map: %d %s", res.StatusCode(), res.Body)
	}
	m := res.JSON200
	if len(m.TransferMap) != 1 || m.TransferMap[0].Background.Slug != "fundraising" || m.TransferMap[0].Message != "You already have a community: your donors." {
		t.Fatalf("transfer map %+v", m.TransferMap)
	}
	if len(m.Competencies) != 13 || len(m.Levels) != 5 || m.RecommendedLevel == nil || m.NextLevel == nil {
		t.Fatalf("incomplete result: %d competencies, %d levels, recommended %v, next %v",
			len(m.Competencies), len(m.Levels), m.RecommendedLevel, m.NextLevel)
	}

	bad, err := c.PostTransferMapWithResponse(ctx, nil, client.PostTransferMapJSONRequestBody{
		Experiences: []client.ApiExperienceRequest{{Title: &title, Years: 70}},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := bad.ApplicationproblemJSON422
	if p == nil || p.Errors == nil || len(*p.Errors) == 0 || (*p.Errors)[0].Field != "experiences[0].years" {
		t.Fatalf("years 70: %d %s", bad.StatusCode(), bad.Body)
	}
}
